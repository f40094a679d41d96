import Foundation
import PackagePlugin

/// Embeds text resources into a target as generated Swift source, so the `verity` binary carries them
/// and works from any directory: the top-level `Migrations/*.sql` into VerityData (`EmbeddedMigrations`),
/// and `openapi.yaml` into VerityAPI (`EmbeddedOpenAPI`).
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let typeName: String
        let inputs: [URL]
        switch target.name {
        case "VerityData":
            let migrations = context.package.directoryURL.appending(path: "Migrations")
            typeName = "EmbeddedMigrations"
            inputs = try FileManager.default.contentsOfDirectory(atPath: migrations.path)
                .filter { $0.hasSuffix(".sql") }
                .sorted()
                .map { migrations.appending(path: $0) }
        case "VerityAPI":
            typeName = "EmbeddedOpenAPI"
            inputs = [context.package.directoryURL.appending(path: "Sources/VerityAPI/openapi.yaml")]
        default:
            return []
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "\(typeName)+Files.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) file(s) as \(typeName)",
                executable: try context.tool(named: "ResourceEmbedder").url,
                arguments: [output.path, typeName] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
