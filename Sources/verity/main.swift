import VerityCLI
