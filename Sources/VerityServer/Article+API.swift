import Foundation
import VerityAPI
import VerityCore
import VerityServices

extension Components.Schemas.ArticleSummary {
    init(_ summary: ArticleSummary) {
        let m = summary.metadata
        self.init(
            id: summary.id.uuidString.lowercased(), projectId: summary.projectId.uuidString.lowercased(), externalId: m.externalId, url: m.url,
            title: m.title, section: m.section, standfirst: m.standfirst, author: m.author, authorAffiliation: m.authorAffiliation,
            publisher: m.publisher, publishedAt: m.publishedAt, language: m.language, contentHash: summary.contentHash,
            codePoints: summary.codePoints, utf16Length: summary.utf16Length, spanCount: summary.spanCount, createdAt: summary.createdAt,
            revision: summary.revision)
    }
}

extension Components.Schemas.Span {
    init(_ span: Span) {
        let block: BlockPayload =
            switch span.block {
            case .headline: .headline
            case .standfirst: .standfirst
            case .paragraph: .paragraph
            }
        self.init(
            id: span.id, ordinal: span.ordinal, block: block, paragraph: span.block.paragraphIndex, start: span.range.start,
            end: span.range.end, utf16Start: span.range.utf16Start, utf16End: span.range.utf16End, text: span.text)
    }
}

extension Components.Schemas.Article {
    init(_ article: Article) {
        self.init(value1: .init(article.summary), value2: .init(text: article.text, spans: article.spans.map(Components.Schemas.Span.init)))
    }
}

extension ArticleRecord {
    init(_ record: Components.Schemas.ArticleRecord) {
        self.init(
            externalId: record.externalId, url: record.url, title: record.title, section: record.section, standfirst: record.standfirst,
            author: record.author, publisher: record.publisher, publishedAt: record.publishedAt, language: record.language, body: record.body,
            text: record.text)
    }
}

extension Components.Schemas.ImportReport {
    init(_ report: VerityServices.ImportReport) {
        self.init(
            imported: report.imported, duplicates: report.duplicates, failed: report.failed, spans: report.spans, revised: report.revised,
            articles: report.articleIds.map(\.lowercasedString), duplicateOf: report.duplicateIds.map(\.lowercasedString),
            revisedArticles: report.revisedIds.map(\.lowercasedString),
            reanchored: .init(additionalProperties: Dictionary(uniqueKeysWithValues: report.reanchored.map { ($0.key.rawValue, $0.value) })),
            errors: report.errors.map { .init(path: $0.path, message: $0.message) })
    }
}
