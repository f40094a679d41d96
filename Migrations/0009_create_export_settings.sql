-- What a project publishes under: the review page URL of each claim (a template with {claim} and/or
-- {slug}; http or https), and the organisation that publishes the reviews. ClaimReview export needs
-- the URL: without one it is refused rather than filled with URNs search engines reject.

ALTER TABLE projects ADD COLUMN review_url_template text;
ALTER TABLE projects ADD COLUMN organization text;
ALTER TABLE projects ADD COLUMN organization_url text;
