import NIOCore
import NIOPosix
import VerityCLI

#if os(Linux)
    /// glibc's `mallopt` (malloc.h, which the Glibc module does not export).
    @_silgen_name("mallopt") func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
    let M_ARENA_MAX: Int32 = -8

    // glibc gives each thread that allocates its own malloc arena (up to 8 per core), and freed memory
    // stays in them: a server's RSS then grows with its thread count, not its work. Two arenas hold
    // the event loops and the blocking threads without contention worth the memory.
    _ = mallopt(M_ARENA_MAX, 2)
#endif

// `verity segment` in its plain forms needs neither the event loops nor the command tree: it runs and exits here.
VerityCommand.runPlainSegment(CommandLine.arguments)

// Swift concurrency runs on NIO's event loops, where the server's sockets and PostgreSQL connections
// already live: no thread hop between the two for every query. Blocking work (libpq, bcrypt, child
// processes) runs on threads of its own. Must come before anything else runs.
_ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

await VerityCommand.runCommandLine()
