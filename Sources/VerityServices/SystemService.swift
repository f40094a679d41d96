import VerityData

/// What the server says about itself: whether it can serve (its database answers).
package struct SystemService: Sendable {
    package let database: Database

    /// Creates the service.
    package init(database: Database) { self.database = database }

    /// Whether the database answers a trivial query.
    package func isReady() async -> Bool { await database.ping() }
}
