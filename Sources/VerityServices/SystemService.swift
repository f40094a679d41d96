import VerityCore
import VerityData

/// What the server says about itself: whether it can serve (its database answers).
package struct SystemService: Sendable {
    package let database: Database

    /// Creates the service.
    package init(database: Database) { self.database = database }

    /// The server the process writes to, when it answers and takes writes (nil otherwise: not ready), and
    /// the read replica's, when one is configured and answers (reads go to the primary meanwhile).
    package func readiness() async -> (primary: DatabaseNode, replica: DatabaseNode?)? {
        guard let node = await database.node(), node.role == .primary else { return nil }
        return (node, await database.readNode())
    }

    /// Where each pool is, and where replica-eligible reads went, for metrics.
    package func pools() async -> (primary: DatabaseNode?, replica: DatabaseNode?, replicaReads: Int, primaryReads: Int) {
        (await database.node(), await database.readNode(), database.readRouting.onReplica, database.readRouting.onPrimary)
    }
}
