import VerityCLI

await VerityCommand.runCommandLine()
