import PostgresNIO
import CLibPQ
/// Namespace for the embedded migration files.
package enum EmbeddedMigrations {}
