import Testing

@testable import VerityCore

private func sentences(_ text: String, _ language: String) -> [String] {
    let index = TextIndex(text)
    return SentenceSegmenter.segment(text, language: language).map { index.slice($0.lowerBound, $0.upperBound) }
}

/// Each language's own abbreviations and conventions, on sentences written for these tests.
@Suite("Sentence segmentation by language")
struct SentenceSegmenterLanguageTests {
    @Test(
        "German: ordinals, spaced abbreviations, numbers, titles",
        arguments: [
            ("Die Wahl findet am 3. Oktober statt. Danach beginnt die Auszählung.", 2),
            ("Er wurde am 12. März 1950 geboren. Sein Vater war Arzt.", 2),
            ("Der 2. Weltkrieg endete 1945. Deutschland war zerstört.", 2),
            ("Die Mannschaft belegte Platz 3. Der Trainer war zufrieden.", 2),
            ("Der Umsatz stieg auf 1.250,75 Euro. Das ist ein Rekord.", 2),
            ("Wir brauchen z. B. Brot, Milch usw. Die Liste ist lang.", 2),
            ("Man kann z.B. Wasser trinken, d. h. viel Wasser.", 1),
            ("Das Haus Nr. 12 steht leer. Es gehört der Stadt.", 2),
            ("Herr Dr. med. Müller kam um 10 Uhr. Er war pünktlich.", 2),
            ("Laut Art. 5 GG ist die Meinung frei. Das gilt für alle.", 2),
            ("Es waren ca. 300 Menschen da. Sie feierten bis spät.", 2),
            ("Siehe S. 25 und vgl. Anm. 3 dazu.", 1),
        ])
    func german(_ text: String, _ count: Int) {
        #expect(sentences(text, "de").count == count, "\(sentences(text, "de"))")
    }

    @Test(
        "French: M., Mme, guillemets with spaces, spaced question marks",
        arguments: [
            ("M. Dupont est arrivé hier. Il était fatigué.", 2),
            ("Mme Martin a dit : « Nous partirons demain. » Personne n'a répondu.", 2),
            ("Ce texte « LL.AA.II.RR. » est une abréviation.", 1),
            ("Le prix est de 1 200,50 €. C'est trop cher.", 2),
            ("Il habite au 12, av. de la République. Son voisin est M. Leroy.", 2),
            ("Il a vendu des pommes, des poires, etc. Le marché était plein.", 2),
            ("Qui est là ? C'est moi ! Entrez donc.", 3),
        ])
    func french(_ text: String, _ count: Int) {
        #expect(sentences(text, "fr").count == count, "\(sentences(text, "fr"))")
    }

    @Test(
        "Spanish: ¿ ¡, Sr./Sra., EE. UU., p. ej.",
        arguments: [
            ("El Sr. García llegó tarde. La reunión ya había empezado.", 2),
            ("¿Vienes mañana? ¡Claro que sí! Nos vemos a las ocho.", 3),
            ("Pablo, ¿adónde vas? ¡¿Qué viste?!", 2),
            ("La Sra. López trabaja en EE. UU. desde 2010. Su hermano vive en Madrid.", 2),
            ("Visitó los EE. UU. El viaje duró un mes.", 2),
            ("Lo dijo el Dr. Pérez, p. ej. en la radio. Nadie le creyó.", 2),
            ("Leyeron los párrf. 5 y 6 del art. 4 de la ley.", 1),
        ])
    func spanish(_ text: String, _ count: Int) {
        #expect(sentences(text, "es").count == count, "\(sentences(text, "es"))")
    }

    @Test(
        "Italian: Sig.ra, Dott., elided articles, ecc.",
        arguments: [
            ("Il Sig. Rossi è arrivato ieri. La riunione è iniziata subito.", 2),
            ("La Sig.ra Bianchi ha parlato con il Dott. Verdi. Poi è partita.", 2),
            ("L'Avv. Neri ha vinto la causa. Il cliente era contento.", 2),
            ("Sono l'Ing. Mengozzi. È presente l'Avv. Cassioni?", 2),
            ("Abbiamo comprato pane, latte ecc. Il frigorifero è pieno.", 2),
            ("Le parti (ad es. RAM, CPU, etc.) sono hardware.", 1),
        ])
    func italian(_ text: String, _ count: Int) {
        #expect(sentences(text, "it").count == count, "\(sentences(text, "it"))")
    }

    @Test(
        "Russian: т. е., т. д., г., Cyrillic initials",
        arguments: [
            ("Встреча прошла в г. Москве. Все остались довольны.", 2),
            ("А. С. Пушкин написал много стихов. Его знают все.", 2),
            ("Д-р наук В. П. Орлов и пр. выступали здесь.", 1),
            ("Мы купили хлеб, молоко и т. д. Потом пошли домой.", 2),
            ("Это стоит 1 250 руб. Это дорого.", 2),
            ("Т. е. он не придёт? Нет, не придёт.", 2),
            ("Проф. Иванов читал лекцию. Студенты слушали внимательно.", 2),
            ("«К чему ты готовишься? – спросила мама. – Завтра выходной».", 1),
        ])
    func russian(_ text: String, _ count: Int) {
        #expect(sentences(text, "ru").count == count, "\(sentences(text, "ru"))")
    }
}
