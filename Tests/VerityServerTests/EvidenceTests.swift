import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VerityCore
import VerityServices
import VerityTestSupport

@Suite("HTTP: evidence a verdict cites")
struct EvidenceTests {
    @Test("an article span is checked against the text and recorded with its quote and sentences; FEVER exports those sentences")
    func articleSpanEvidence() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            let otherArticle = try await context.makeArticle("other", body: "Elsewhere. Not this desk.").lowercasedString
            let claim = try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["r1"], json: #"{"start":0,"end":47}"#)
            let claimId = try #require(try claim.jsonObject()["id"] as? String)
            func verdict(_ token: String?, _ evidence: String) async throws -> TestResponse {
                try await client.send(
                    .put, "/v1/claims/\(claimId)/verdicts/mine", token: token, json: #"{"rating":"false","evidence":[\#(evidence)]}"#)
            }
            func paths(_ response: TestResponse) throws -> [String] {
                (try response.jsonObject()["errors"] as? [[String: Any]])?.compactMap { $0["path"] as? String } ?? []
            }
            // Another project's article, past the end, splitting a character, a boolean answer without its explanation.
            let foreign = try await verdict(t["r2"], #"{"articleId":"\#(otherArticle)","start":0,"end":5}"#)
            #expect(try foreign.status == .unprocessableContent && (try paths(foreign)) == ["evidence.0.articleId"], "\(foreign.text)")
            let past = try await verdict(t["r2"], #"{"articleId":"\#(desk.articleId)","start":48,"end":5000}"#)
            #expect(try past.status == .unprocessableContent && (try paths(past)) == ["evidence.0.end"], "\(past.text)")
            let split = try await verdict(t["r2"], #"{"articleId":"\#(desk.articleId)","start":66,"end":67}"#)
            #expect(try split.status == .unprocessableContent && (try paths(split)) == ["evidence.0.start"], "\(split.text)")
            let boolean = try await verdict(
                t["r2"], #"{"question":"Did taxes fall?","answers":[{"answer":"no","answerType":"boolean","url":"https://stats.example/t"}]}"#)
            #expect(try boolean.status == .unprocessableContent && (try paths(boolean)) == ["evidence.0.answers.0.booleanExplanation"])
            #expect(try await context.sql("SELECT count(*) FROM verdicts") == [["0"]])

            // What the client claims about the span is not taken: Verity records the text's own quote and sentences.
            let cited = try await verdict(
                t["r1"],
                #"{"articleId":"\#(desk.articleId)","start":48,"end":65,"quote":"made up","spanOrdinals":[7]},"#
                    + #"{"question":"What do critics say?","answers":[{"answer":"They disagree.","answerType":"extractive","url":"https://news.example/a","sourceMedium":"Web text"}]},"#
                    + #"{"url":"https://stats.example/t","title":"Table 3","sourceMedium":"Web table"}"#)
            #expect(cited.status == .created, "\(cited.text)")
            let evidence = try #require(try cited.jsonObject()["evidence"] as? [[String: Any]])
            #expect(evidence[0]["quote"] as? String == "Critics disagree." && evidence[0]["spanOrdinals"] as? [Int] == [1])
            #expect(evidence[0]["revision"] as? Int == 1)
            #expect((evidence[1]["answers"] as? [[String: Any]])?.first?["answerType"] as? String == "extractive")
            #expect(evidence[2]["sourceMedium"] as? String == "Web table")
            _ = try await verdict(t["r2"], #"{"url":"https://stats.example/t"}"#)
            _ = try await client.send(
                .put, "/v1/claims/\(claimId)/resolution", token: t["ed"], json: #"{"rating":"false","rationale":"Both agree."}"#)

            let fever = try await client.send(.get, "/v1/projects/desk/export?format=fever", token: t["ed"])
            let line = try #require(try JSONSerialization.jsonObject(with: Data(fever.text.utf8)) as? [String: Any])
            #expect(line["label"] as? String == "REFUTES" && line["verifiable"] as? String == "VERIFIABLE", "\(fever.text)")
            let sets = try #require(line["evidence"] as? [[[Any]]])
            #expect(sets.count == 1 && sets[0].count == 1 && sets[0][0][2] as? String == desk.articleId && sets[0][0][3] as? Int == 1)
            let averitec = try await client.send(.get, "/v1/projects/desk/export?format=averitec", token: t["ed"])
            let claims = try #require(try JSONSerialization.jsonObject(with: Data(averitec.text.utf8)) as? [[String: Any]])
            #expect((claims.first?["questions"] as? [[String: Any]])?.first?["question"] as? String == "What do critics say?")
            #expect(claims.first?["justification"] as? String == "Both agree.")
        }
    }
}
