import Foundation
import VerityAPI
import VerityCore

extension Components.Schemas.SearchHit {
    init(_ hit: SearchHit) {
        self.init(
            kind: hit.kind == .article ? .article : .claim, articleId: hit.articleId.uuidString.lowercased(),
            claimId: hit.claimId?.uuidString.lowercased(), title: hit.title, snippet: hit.snippet, rank: hit.rank,
            status: hit.status.flatMap { .init(rawValue: $0.rawValue) })
    }
}

extension Components.Schemas.Webhook {
    init(_ webhook: Webhook) {
        self.init(
            id: webhook.id.uuidString.lowercased(), url: webhook.url, events: webhook.events, enabled: webhook.enabled, failures: webhook.failures,
            createdAt: webhook.createdAt, disabledAt: webhook.disabledAt)
    }
}
