import NIOCore
import NIOPosix
import VerityCLI

// Swift concurrency runs on NIO's event loops, where the server's sockets and PostgreSQL connections
// already live: no thread hop between the two for every query. Blocking work (libpq, bcrypt, child
// processes) runs on threads of its own. Must come before anything else runs.
_ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

await VerityCommand.runCommandLine()
