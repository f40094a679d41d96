import VerityCore
import VerityData

/// What the server says about itself: whether it can serve (its database answers).
package struct SystemService: Sendable {
    package let database: Database

    /// Creates the service.
    package init(database: Database) { self.database = database }

    /// The server the process writes to, when it answers and takes writes; nil otherwise (not ready).
    package func readiness() async -> DatabaseNode? {
        guard let node = await database.node(), node.role == .primary else { return nil }
        return node
    }
}
