// Writes one Swift source file holding the text of the files named on the command line, so the binary
// carries its schema migrations and its OpenAPI document and works from any directory.
// Usage: ResourceEmbedder OUTPUT.swift TYPE_NAME FILE...
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: ResourceEmbedder OUTPUT.swift TYPE_NAME FILE...\n".utf8))
    exit(64)
}
let output = arguments[0]
let typeName = arguments[1]
let inputs = arguments.dropFirst(2).sorted { ($0 as NSString).lastPathComponent < ($1 as NSString).lastPathComponent }

var source = """
    // Generated at build time by ResourceEmbedder. Do not edit.

    extension \(typeName) {
        /// Every embedded file, in name order, as (file name, text).
        static let files: [(name: String, text: String)] = [

    """
for path in inputs {
    let name = (path as NSString).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("error: cannot read \(path) as UTF-8\n".utf8))
        exit(1)
    }
    // A raw string literal with enough #s that nothing in the text can close it.
    var hashes = "#"
    while text.contains("\"" + hashes) { hashes += "#" }
    source += "        (\(name.debugDescription), \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)),\n"
}
source += "    ]\n}\n"
do {
    try source.write(toFile: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("error: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
