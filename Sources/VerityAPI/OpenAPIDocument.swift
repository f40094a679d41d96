/// The OpenAPI document, compiled into the binary by the EmbedResources plugin.
package enum EmbeddedOpenAPI {
    /// The text of `openapi.yaml`, served at `/openapi.yaml`.
    package static var yaml: String { files.first?.text ?? "" }
}
