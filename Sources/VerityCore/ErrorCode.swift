/// A stable, machine-readable error code, `area.reason`: what clients branch on (HTTP problem details
/// carry it as `code`, and `type` is `https://verity.dev/problems/<code>`), what the CLI prints, what logs
/// are grepped for. Every code Verity can produce is a constant below — the one catalogue; the
/// initialiser is private to this file, so no other place can make one up. The OpenAPI document lists the
/// same codes in `Problem.code` (a test keeps the two in step).
package struct ErrorCode: Hashable, Sendable, CustomStringConvertible {
    /// The code as clients see it.
    package let rawValue: String

    private init(_ rawValue: String) { self.rawValue = rawValue }

    package var description: String { rawValue }

    /// Compares with the code as clients see it (tests and log readers).
    package static func == (code: ErrorCode, text: String) -> Bool { code.rawValue == text }
}

extension ErrorCode {
    // MARK: agreement

    /// Invalid filter.
    package static let agreementInvalidFilter = ErrorCode("agreement.invalid_filter")

    // MARK: archive

    /// The claim comes before the line that carries its article's text (line …).
    package static let archiveArticleLater = ErrorCode("archive.article_later")
    /// The claim's article content hash differs from its article's.
    package static let archiveContentHashMismatch = ErrorCode("archive.content_hash_mismatch")
    /// The article … is carried twice.
    package static let archiveDuplicateArticle = ErrorCode("archive.duplicate_article")
    /// A line of a Verity export breaks a rule of the archive format (a field missing or out of range).
    package static let archiveInvalid = ErrorCode("archive.invalid")
    /// The article's text is missing.
    package static let archiveMissingText = ErrorCode("archive.missing_text")
    /// Not a line of a Verity export.
    package static let archiveUnknownKind = ErrorCode("archive.unknown_kind")

    // MARK: article

    /// The project already has that article (same external id or same canonical text).
    package static let articleExists = ErrorCode("article.exists")
    /// The article was neither imported nor found.
    package static let articleImportFailed = ErrorCode("article.import_failed")
    /// The article is not valid.
    package static let articleInvalid = ErrorCode("article.invalid")
    /// The article record is not valid JSON of the expected shape.
    package static let articleInvalidRecord = ErrorCode("article.invalid_record")
    /// The text is not valid UTF-8.
    package static let articleInvalidUtf8 = ErrorCode("article.invalid_utf8")
    /// The page has no article text after removing site furniture.
    package static let articleNoText = ErrorCode("article.no_text")
    /// No article with that id exists, or the caller cannot see it.
    package static let articleNotFound = ErrorCode("article.not_found")
    /// The article contains NUL characters.
    package static let articleNulByte = ErrorCode("article.nul_byte")

    // MARK: audit

    /// Invalid actor id.
    package static let auditInvalidActor = ErrorCode("audit.invalid_actor")
    /// Invalid object id.
    package static let auditInvalidObject = ErrorCode("audit.invalid_object")

    // MARK: auth

    /// Wrong username or password.
    package static let authInvalidCredentials = ErrorCode("auth.invalid_credentials")
    /// The username or password is not acceptable.
    package static let authInvalidCredentialsShape = ErrorCode("auth.invalid_credentials_shape")
    /// The bearer token is not valid: unknown, expired or revoked.
    package static let authInvalidToken = ErrorCode("auth.invalid_token")
    /// The Authorization header must be 'Bearer TOKEN'.
    package static let authMalformed = ErrorCode("auth.malformed")
    /// This operation needs an Authorization: Bearer token.
    package static let authRequired = ErrorCode("auth.required")
    /// Too many failed logins: wait before trying again.
    package static let authTooManyAttempts = ErrorCode("auth.too_many_attempts")
    /// The current password is not right.
    package static let authWrongPassword = ErrorCode("auth.wrong_password")

    // MARK: claim

    /// The article's text was revised while the claim was made; read it again.
    package static let claimArticleRevised = ErrorCode("claim.article_revised")
    /// The claim is …: verdicts can no longer be submitted or changed.
    package static let claimClosed = ErrorCode("claim.closed")
    /// The claim changed while the verdict was being saved; retry.
    package static let claimConcurrentChange = ErrorCode("claim.concurrent_change")
    /// The patch changes nothing.
    package static let claimEmptyPatch = ErrorCode("claim.empty_patch")
    /// Your role in this project does not allow that.
    package static let claimForbidden = ErrorCode("claim.forbidden")
    /// If-Match does not name the claim's current version.
    package static let claimIfMatchMismatch = ErrorCode("claim.if_match_mismatch")
    /// Changing a claim needs If-Match with its current ETag.
    package static let claimIfMatchRequired = ErrorCode("claim.if_match_required")
    /// The claim is not valid.
    package static let claimInvalid = ErrorCode("claim.invalid")
    /// Invalid article id.
    package static let claimInvalidArticle = ErrorCode("claim.invalid_article")
    /// The range is not valid for this article.
    package static let claimInvalidRange = ErrorCode("claim.invalid_range")
    /// Unknown status.
    package static let claimInvalidStatus = ErrorCode("claim.invalid_status")
    /// A claim cannot go from … to ….
    package static let claimInvalidTransition = ErrorCode("claim.invalid_transition")
    /// No claim with that id exists, or the caller cannot see it.
    package static let claimNotFound = ErrorCode("claim.not_found")
    /// A … claim cannot be resolved: it needs its verdicts first (agreed or disputed).
    package static let claimNotReady = ErrorCode("claim.not_ready")
    /// The claim is published: an editor must reopen it (status verified) before it can change.
    package static let claimPublished = ErrorCode("claim.published")
    /// The quote does not match the text at that range.
    package static let claimQuoteMismatch = ErrorCode("claim.quote_mismatch")
    /// A UTF-16 offset falls inside a surrogate pair.
    package static let claimSplitsCharacter = ErrorCode("claim.splits_character")
    /// The range splits a character (a grapheme cluster such as an emoji or a letter with its accent).
    package static let claimSplitsGrapheme = ErrorCode("claim.splits_grapheme")
    /// The claim does not match its article's text.
    package static let claimTargetMismatch = ErrorCode("claim.target_mismatch")

    // MARK: conflict

    /// That already exists (a unique constraint).
    package static let conflictExists = ErrorCode("conflict.exists")

    // MARK: database

    /// The database connection string is not valid: …
    package static let databaseInvalidSettings = ErrorCode("database.invalid_settings")
    /// The database call ended without an outcome.
    package static let databaseNoOutcome = ErrorCode("database.no_outcome")
    /// A concurrent change got there first; retry the request.
    package static let databaseSerializationFailure = ErrorCode("database.serialization_failure")
    /// The database is unavailable or closed the connection.
    package static let databaseUnavailable = ErrorCode("database.unavailable")

    // MARK: delivery

    /// No delivery with that id exists, or the caller cannot see it.
    package static let deliveryNotFound = ErrorCode("delivery.not_found")

    // MARK: embedded

    /// Cannot create the database: \(String(cString: PQerrorMessage(connection)))
    package static let embeddedCreateDatabase = ErrorCode("embedded.create_database")
    /// Verity runs as root, and PostgreSQL refuses to: it runs the embedded cluster as the system user '…', which does not exist. Create it (useradd --system …) or name another with --postgres-user.
    package static let embeddedNoUser = ErrorCode("embedded.no_user")
    /// No PostgreSQL server programs (initdb, pg_ctl) were found. Install PostgreSQL 15 or later — on Debian or Ubuntu: apt-get install postgresql — or point Verity at an existing server with --database URL or DATABASE_URL.
    package static let embeddedPostgresNotInstalled = ErrorCode("embedded.postgres_not_installed")
    /// The embedded PostgreSQL cluster did not start: … …
    package static let embeddedStartFailed = ErrorCode("embedded.start_failed")
    /// Cannot connect to the embedded cluster: \(String(cString: PQerrorMessage(connection)))
    package static let embeddedUnreachable = ErrorCode("embedded.unreachable")
    /// The PostgreSQL user '…' cannot write to … (a parent directory is closed to it). Pass --data-dir in a directory it can reach, such as /var/lib/verity.
    package static let embeddedUnreachableDirectory = ErrorCode("embedded.unreachable_directory")

    // MARK: events

    /// Last-Event-ID must be the id of an event this server sent.
    package static let eventsInvalidLastEventId = ErrorCode("events.invalid_last_event_id")

    // MARK: export

    /// The export request is not valid.
    package static let exportInvalidRequest = ErrorCode("export.invalid_request")
    /// …: cannot be written.
    package static let exportUnwritable = ErrorCode("export.unwritable")

    // MARK: import

    /// The import batch was not created.
    package static let importBatchFailed = ErrorCode("import.batch_failed")
    /// …: larger than … bytes.
    package static let importFileTooLarge = ErrorCode("import.file_too_large")
    /// A record of an import could not be read.
    package static let importInvalid = ErrorCode("import.invalid")
    /// The line is not a valid Verity export record.
    package static let importInvalidJson = ErrorCode("import.invalid_json")
    /// The text is not valid UTF-8.
    package static let importInvalidUtf8 = ErrorCode("import.invalid_utf8")
    /// …: no such file or directory.
    package static let importNoSuchFile = ErrorCode("import.no_such_file")
    /// The file contains NUL bytes: it is not text.
    package static let importNulByte = ErrorCode("import.nul_byte")
    /// …: a Verity export is restored whole; --skip-invalid does not apply.
    package static let importRestoreWhole = ErrorCode("import.restore_whole")
    /// …: cannot be read: …
    package static let importUnreadable = ErrorCode("import.unreadable")

    // MARK: internal

    /// An unexpected error; details are logged with the request id, never sent.
    package static let internalError = ErrorCode("internal")

    // MARK: membership

    /// That user is already a member.
    package static let membershipExists = ErrorCode("membership.exists")
    /// If-Match does not name the membership's current version.
    package static let membershipIfMatchMismatch = ErrorCode("membership.if_match_mismatch")
    /// Changing a membership needs If-Match with its current ETag.
    package static let membershipIfMatchRequired = ErrorCode("membership.if_match_required")
    /// The membership was not created.
    package static let membershipInsertFailed = ErrorCode("membership.insert_failed")
    /// Unknown role '…'.
    package static let membershipInvalidRole = ErrorCode("membership.invalid_role")
    /// A project keeps at least one owner: make someone else owner first.
    package static let membershipLastOwner = ErrorCode("membership.last_owner")
    /// No membership with that id exists, or the caller cannot see it.
    package static let membershipNotFound = ErrorCode("membership.not_found")

    // MARK: migration

    /// Migration … was changed after it was applied (recorded SHA-256 ……, file ……). Applied migrations are immutable: restore the file and add a new migration instead.
    package static let migrationChecksumMismatch = ErrorCode("migration.checksum_mismatch")
    /// Migration … failed and was rolled back: …
    package static let migrationFailed = ErrorCode("migration.failed")
    /// The database has … pending migration(s) (\(pending.map(\.name).joined(separator:
    package static let migrationPending = ErrorCode("migration.pending")
    /// The database has migration … applied, which this verity binary does not know: it is older than the database. Use a newer verity.
    package static let migrationUnknown = ErrorCode("migration.unknown")

    // MARK: pagination

    /// The cursor is not valid.
    package static let paginationInvalidCursor = ErrorCode("pagination.invalid_cursor")
    /// Invalid limit.
    package static let paginationInvalidLimit = ErrorCode("pagination.invalid_limit")

    // MARK: process

    /// … failed (status …): …
    package static let processFailed = ErrorCode("process.failed")
    /// Cannot create a pipe.
    package static let processPipe = ErrorCode("process.pipe")
    /// Cannot run …: \(String(cString: strerror(spawned)))
    package static let processSpawn = ErrorCode("process.spawn")

    // MARK: project

    /// A publishing setting (review URL template, organisation) is not valid.
    package static let projectInvalidSettings = ErrorCode("project.invalid_settings")
    /// ClaimReview needs each claim's review page: the project has no review URL template.
    package static let exportReviewURLMissing = ErrorCode("export.review_url_missing")

    /// Only instance admins create projects.
    package static let projectAdminOnly = ErrorCode("project.admin_only")
    /// A project with that slug already exists.
    package static let projectExists = ErrorCode("project.exists")
    /// Your role in this project does not allow that.
    package static let projectForbidden = ErrorCode("project.forbidden")
    /// The project was not created.
    package static let projectInsertFailed = ErrorCode("project.insert_failed")
    /// The project name is too long.
    package static let projectInvalidName = ErrorCode("project.invalid_name")
    /// The rating scale is not valid.
    package static let projectInvalidRatingScale = ErrorCode("project.invalid_rating_scale")
    /// Invalid reviewers per claim.
    package static let projectInvalidReviewersPerClaim = ErrorCode("project.invalid_reviewers_per_claim")
    /// Invalid project slug.
    package static let projectInvalidSlug = ErrorCode("project.invalid_slug")
    /// No project with that id exists, or the caller cannot see it.
    package static let projectNotFound = ErrorCode("project.not_found")

    // MARK: request

    /// The request is not valid for this operation.
    package static let requestInvalid = ErrorCode("request.invalid")
    /// If-Match is longer than any ETag this server issues.
    package static let requestInvalidIfMatch = ErrorCode("request.invalid_if_match")
    /// A path or query parameter has the wrong type.
    package static let requestInvalidParameter = ErrorCode("request.invalid_parameter")
    /// The request is malformed (a header or parameter that breaks its syntax).
    package static let requestMalformed = ErrorCode("request.malformed")
    /// The request body is not valid JSON of the expected shape.
    package static let requestMalformedBody = ErrorCode("request.malformed_body")
    /// None of the media types the request accepts can be produced.
    package static let requestNotAcceptable = ErrorCode("request.not_acceptable")
    /// The HTTP layer refused the request for a reason with no more specific code.
    package static let requestRejected = ErrorCode("request.rejected")
    /// The request body is larger than the … bytes this server accepts.
    package static let requestTooLarge = ErrorCode("request.too_large")
    /// The request body has a media type this operation does not take.
    package static let requestUnsupportedMediaType = ErrorCode("request.unsupported_media_type")

    // MARK: resolution

    /// If-Match does not name the resolution's current version.
    package static let resolutionIfMatchMismatch = ErrorCode("resolution.if_match_mismatch")
    /// Changing a resolution needs If-Match with its current ETag.
    package static let resolutionIfMatchRequired = ErrorCode("resolution.if_match_required")
    /// The resolution was not saved.
    package static let resolutionInsertFailed = ErrorCode("resolution.insert_failed")
    /// The resolution is not valid.
    package static let resolutionInvalid = ErrorCode("resolution.invalid")
    /// No resolution with that id exists, or the caller cannot see it.
    package static let resolutionNotFound = ErrorCode("resolution.not_found")
    /// A listed verdict is not on this claim.
    package static let resolutionUnknownVerdict = ErrorCode("resolution.unknown_verdict")

    // MARK: reference

    /// A ClaimReview record that cannot be used (the field is named).
    package static let referenceInvalid = ErrorCode("reference.invalid")
    /// A file of reference fact-checks where articles were expected, or the other way round.
    package static let referenceWrongKind = ErrorCode("reference.wrong_kind")

    // MARK: revision

    /// The article has no revision ….
    package static let revisionNotFound = ErrorCode("revision.not_found")

    // MARK: route

    /// The path exists, but not with that method (see Allow).
    package static let routeMethodNotAllowed = ErrorCode("route.method_not_allowed")
    /// No route has that path.
    package static let routeNotFound = ErrorCode("route.not_found")

    // MARK: search

    /// The search is not valid.
    package static let searchInvalid = ErrorCode("search.invalid")

    // MARK: similar

    /// The text to match is missing, empty or too long.
    package static let similarInvalidText = ErrorCode("similar.invalid_text")

    // MARK: gold

    /// The known answer of a control claim is not a rating of the project's scale.
    package static let goldInvalidRating = ErrorCode("gold.invalid_rating")

    // MARK: segment

    /// …:…: expected {"text": …}
    package static let segmentInvalidLine = ErrorCode("segment.invalid_line")
    /// …: not valid UTF-8.
    package static let segmentInvalidUtf8 = ErrorCode("segment.invalid_utf8")

    // MARK: server

    /// The server is busy checking passwords; try again in a moment.
    package static let serverBusy = ErrorCode("server.busy")

    // MARK: stream

    /// Too many exports or event streams are open (for the server or for the caller).
    package static let streamTooMany = ErrorCode("stream.too_many")

    // MARK: token

    /// Only instance admins list other users' tokens.
    package static let tokenAdminOnly = ErrorCode("token.admin_only")
    /// The token was not created.
    package static let tokenInsertFailed = ErrorCode("token.insert_failed")
    /// Invalid token name.
    package static let tokenInvalidName = ErrorCode("token.invalid_name")
    /// Name the user whose tokens to list.
    package static let tokenNoUser = ErrorCode("token.no_user")
    /// No token with that id exists, or the caller cannot see it.
    package static let tokenNotFound = ErrorCode("token.not_found")

    // MARK: user

    /// Only instance admins manage users.
    package static let userAdminOnly = ErrorCode("user.admin_only")
    /// User … is disabled.
    package static let userDisabled = ErrorCode("user.disabled")
    /// A user with that username already exists.
    package static let userExists = ErrorCode("user.exists")
    /// The user was not created.
    package static let userInsertFailed = ErrorCode("user.insert_failed")
    /// Invalid password.
    package static let userInvalidPassword = ErrorCode("user.invalid_password")
    /// Invalid username.
    package static let userInvalidUsername = ErrorCode("user.invalid_username")
    /// No password on standard input.
    package static let userNoPassword = ErrorCode("user.no_password")
    /// No user with that id exists, or the caller cannot see it.
    package static let userNotFound = ErrorCode("user.not_found")
    /// You cannot disable your own account; ask another admin or use the CLI.
    package static let userSelfDisable = ErrorCode("user.self_disable")

    // MARK: validation

    /// The data breaks a rule of the database (a check, foreign-key or not-null constraint).
    package static let validationConstraint = ErrorCode("validation.constraint")
    /// The data is not valid: …
    package static let validationDataException = ErrorCode("validation.data_exception")

    // MARK: verdict

    /// If-Match does not name the verdict's current version.
    package static let verdictIfMatchMismatch = ErrorCode("verdict.if_match_mismatch")
    /// Changing a verdict needs If-Match with its current ETag.
    package static let verdictIfMatchRequired = ErrorCode("verdict.if_match_required")
    /// The verdict was not saved.
    package static let verdictInsertFailed = ErrorCode("verdict.insert_failed")
    /// The verdict is not valid.
    package static let verdictInvalid = ErrorCode("verdict.invalid")
    /// '…' is not on the project's rating scale.
    package static let verdictInvalidRating = ErrorCode("verdict.invalid_rating")
    /// This project keeps verdicts as they were before other verdicts could be seen: yours can no longer change.
    package static let verdictLockedAfterReveal = ErrorCode("verdict.locked_after_reveal")
    /// No verdict with that id exists, or the caller cannot see it.
    package static let verdictNotFound = ErrorCode("verdict.not_found")

    // MARK: webhook

    /// The webhook was not created.
    package static let webhookCreateFailed = ErrorCode("webhook.create_failed")
    /// Invalid event filters.
    package static let webhookInvalidEvents = ErrorCode("webhook.invalid_events")
    /// The webhook URL is not acceptable.
    package static let webhookInvalidUrl = ErrorCode("webhook.invalid_url")
    /// No webhook with that id exists, or the caller cannot see it.
    package static let webhookNotFound = ErrorCode("webhook.not_found")

    /// Every code, in alphabetical order.
    package static let all: [ErrorCode] = [
        .agreementInvalidFilter, .projectInvalidSettings, .exportReviewURLMissing, .archiveArticleLater, .archiveContentHashMismatch,
        .archiveDuplicateArticle, .archiveInvalid, .archiveMissingText,
        .archiveUnknownKind, .articleExists, .articleImportFailed, .articleInvalid, .articleInvalidRecord, .articleInvalidUtf8,
        .articleNoText, .articleNotFound, .articleNulByte, .auditInvalidActor, .auditInvalidObject, .authInvalidCredentials,
        .authInvalidCredentialsShape, .authInvalidToken, .authMalformed, .authRequired, .authTooManyAttempts, .authWrongPassword,
        .claimArticleRevised, .claimClosed, .claimConcurrentChange, .claimEmptyPatch, .claimForbidden, .claimIfMatchMismatch,
        .claimIfMatchRequired, .claimInvalid, .claimInvalidArticle, .claimInvalidRange, .claimInvalidStatus, .claimInvalidTransition,
        .claimNotFound, .claimNotReady, .claimPublished, .claimQuoteMismatch, .claimSplitsCharacter, .claimSplitsGrapheme,
        .claimTargetMismatch, .conflictExists, .databaseInvalidSettings, .databaseNoOutcome, .databaseSerializationFailure,
        .databaseUnavailable, .deliveryNotFound, .embeddedCreateDatabase, .embeddedNoUser, .embeddedPostgresNotInstalled,
        .embeddedStartFailed, .embeddedUnreachable, .embeddedUnreachableDirectory, .eventsInvalidLastEventId, .exportInvalidRequest,
        .exportUnwritable, .importBatchFailed, .importFileTooLarge, .importInvalid, .importInvalidJson, .importInvalidUtf8,
        .importNoSuchFile, .importNulByte, .importRestoreWhole, .importUnreadable, .internalError, .membershipExists, .membershipIfMatchMismatch,
        .membershipIfMatchRequired, .membershipInsertFailed, .membershipInvalidRole, .membershipLastOwner, .membershipNotFound,
        .migrationChecksumMismatch, .migrationFailed, .migrationPending, .migrationUnknown, .paginationInvalidCursor,
        .paginationInvalidLimit, .processFailed, .processPipe, .processSpawn, .projectAdminOnly, .projectExists, .projectForbidden,
        .projectInsertFailed, .projectInvalidName, .projectInvalidRatingScale, .projectInvalidReviewersPerClaim, .projectInvalidSlug,
        .projectNotFound, .requestInvalid, .requestInvalidIfMatch, .requestInvalidParameter, .requestMalformed, .requestMalformedBody,
        .requestNotAcceptable, .requestRejected, .requestTooLarge, .requestUnsupportedMediaType, .resolutionIfMatchMismatch,
        .resolutionIfMatchRequired, .resolutionInsertFailed, .resolutionInvalid, .resolutionNotFound, .resolutionUnknownVerdict,
        .referenceInvalid, .referenceWrongKind, .revisionNotFound, .routeMethodNotAllowed, .routeNotFound, .searchInvalid, .similarInvalidText,
        .goldInvalidRating, .segmentInvalidLine, .segmentInvalidUtf8, .serverBusy,
        .streamTooMany, .tokenAdminOnly, .tokenInsertFailed, .tokenInvalidName, .tokenNoUser, .tokenNotFound, .userAdminOnly, .userDisabled,
        .userExists, .userInsertFailed, .userInvalidPassword, .userInvalidUsername, .userNoPassword, .userNotFound, .userSelfDisable,
        .validationConstraint, .validationDataException, .verdictIfMatchMismatch, .verdictIfMatchRequired, .verdictInsertFailed,
        .verdictInvalid, .verdictInvalidRating, .verdictLockedAfterReveal, .verdictNotFound, .webhookCreateFailed, .webhookInvalidEvents,
        .webhookInvalidUrl, .webhookNotFound,
    ]
}
