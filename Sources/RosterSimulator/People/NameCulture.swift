/// A name as written and as it appears in an email address.
struct NamePart: Sendable, Hashable {
    /// The name as the person writes it: `Søren`, `田中`, `O'Brien`.
    var text: String
    /// Lowercase ASCII for the email's local part: `soren`, `tanaka`, `obrien`.
    var ascii: String

    init(_ text: String, _ ascii: String) {
        self.text = text
        self.ascii = ascii
    }

    /// An ASCII name, spelled in the address as written.
    init(_ text: String) {
        self.init(text, String(text.lowercased().filter { $0.isLetter || $0 == "-" }))
    }
}

/// Names, name order, locale and mobile numbers of one part of the world, so that generated
/// people look like a real multinational directory: accents, CJK and Greek scripts, apostrophes,
/// hyphens, and some very long names.
struct NameCulture: Sendable {
    var given: [NamePart]
    var family: [NamePart]
    /// Display order `family given` (Japanese, Chinese, Korean, Vietnamese, Hungarian).
    var familyFirst = false
    /// Between the two names in a display name: a space, or nothing (Chinese, Korean).
    var separator = " "
    var locale: String
    /// Country calling code and a mobile prefix plus how many digits follow it.
    var phones: [(country: String, prefix: String, digits: Int)]

    static let all: [NameCulture] = [
        NameCulture(
            given: [
                NamePart("Jürg", "juerg"), NamePart("Anneliese"), NamePart("Léa", "lea"), NamePart("Noé", "noe"),
                NamePart("Zoë", "zoe"), NamePart("Reto"), NamePart("Béatrice", "beatrice"),
                NamePart("Céline", "celine"),
                NamePart("Loïc", "loic"), NamePart("Fränzi", "fraenzi"), NamePart("Matthias"), NamePart("Ursina"),
            ],
            family: [
                NamePart("Müller", "mueller"), NamePart("Gähwiler", "gaehwiler"), NamePart("Bürki", "buerki"),
                NamePart("Favre"), NamePart("Rochat"), NamePart("Schnyder"), NamePart("Zürcher", "zuercher"),
                NamePart("Dubois-Rüegsegger", "dubois-rueegsegger"), NamePart("Lüthi", "luethi"),
            ],
            locale: "de-CH", phones: [("41", "79", 7), ("41", "78", 7), ("41", "76", 7)]),
        NameCulture(
            given: [
                NamePart("François", "francois"), NamePart("Hélène", "helene"), NamePart("Aurélien", "aurelien"),
                NamePart("Maëlle", "maelle"), NamePart("Jérôme", "jerome"), NamePart("Anaïs", "anais"),
            ],
            family: [
                NamePart("Lefèvre", "lefevre"), NamePart("Dupré", "dupre"), NamePart("Bérard", "berard"),
                NamePart("Giraud"), NamePart("Leclerc"), NamePart("de La Tour d'Auvergne", "delatourdauvergne"),
            ],
            locale: "fr-FR", phones: [("33", "6", 8), ("33", "7", 8)]),
        NameCulture(
            given: [
                NamePart("Søren", "soren"), NamePart("Åsa", "asa"), NamePart("Bjørn", "bjorn"),
                NamePart("Sigrún", "sigrun"), NamePart("Ingrid"), NamePart("Mikael"),
            ],
            family: [
                NamePart("Ødegård", "odegard"), NamePart("Åkesson", "akesson"), NamePart("Kristiansen"),
                NamePart("Sigurðardóttir", "sigurdardottir"), NamePart("Lindqvist"),
            ],
            locale: "nb-NO", phones: [("47", "4", 7), ("46", "70", 7), ("45", "2", 7)]),
        NameCulture(
            given: [
                NamePart("José", "jose"), NamePart("María José", "mariajose"), NamePart("Begoña", "begona"),
                NamePart("Íñigo", "inigo"), NamePart("Nuria"), NamePart("Joaquín", "joaquin"),
            ],
            family: [
                NamePart("Núñez", "nunez"), NamePart("Peña", "pena"), NamePart("Ibáñez", "ibanez"),
                NamePart("García-Huidobro", "garcia-huidobro"),
                NamePart("Fernández de Córdoba y Mendoza", "fernandezdecordoba"),
            ],
            locale: "es-ES", phones: [("34", "6", 8), ("52", "55", 8)]),
        NameCulture(
            given: [
                NamePart("João", "joao"), NamePart("Conceição", "conceicao"), NamePart("Thiago"),
                NamePart("Luíza", "luiza"),
            ],
            family: [
                NamePart("Gonçalves", "goncalves"), NamePart("Magalhães", "magalhaes"),
                NamePart("Fernandes de Albuquerque e Vasconcelos", "albuquerquevasconcelos"), NamePart("Souza"),
            ],
            locale: "pt-BR", phones: [("55", "119", 8), ("351", "91", 7)]),
        NameCulture(
            given: [
                NamePart("Łukasz", "lukasz"), NamePart("Małgorzata", "malgorzata"), NamePart("Zdeněk", "zdenek"),
                NamePart("Jiří", "jiri"), NamePart("Agnieszka"),
            ],
            family: [
                NamePart("Wiśniewski", "wisniewski"), NamePart("Dvořák", "dvorak"),
                NamePart("Brzęczyszczykiewicz", "brzeczyszczykiewicz"), NamePart("Šťastná", "stastna"),
            ],
            locale: "pl-PL", phones: [("48", "5", 8), ("420", "7", 8)]),
        NameCulture(
            given: [
                NamePart("太郎", "taro"), NamePart("花子", "hanako"), NamePart("翔太", "shota"), NamePart("陽菜", "hina"),
                NamePart("蓮", "ren"),
            ],
            family: [
                NamePart("田中", "tanaka"), NamePart("佐藤", "sato"), NamePart("鈴木", "suzuki"),
                NamePart("高橋", "takahashi"), NamePart("渡辺", "watanabe"),
            ],
            familyFirst: true, locale: "ja-JP", phones: [("81", "90", 8), ("81", "80", 8)]),
        NameCulture(
            given: [
                NamePart("伟", "wei"), NamePart("娜", "na"), NamePart("秀英", "xiuying"), NamePart("浩然", "haoran"),
                NamePart("子涵", "zihan"),
            ],
            family: [
                NamePart("王", "wang"), NamePart("李", "li"), NamePart("张", "zhang"), NamePart("刘", "liu"),
                NamePart("欧阳", "ouyang"),
            ],
            familyFirst: true, separator: "", locale: "zh-CN", phones: [("86", "13", 9), ("86", "18", 9)]),
        NameCulture(
            given: [NamePart("민준", "minjun"), NamePart("서연", "seoyeon"), NamePart("지훈", "jihun")],
            family: [NamePart("김", "kim"), NamePart("이", "lee"), NamePart("박", "park")],
            familyFirst: true, separator: "", locale: "ko-KR", phones: [("82", "10", 8)]),
        NameCulture(
            given: [NamePart("Minh Anh", "minhanh"), NamePart("Thu Hằng", "thuhang"), NamePart("Quốc Bảo", "quocbao")],
            family: [NamePart("Nguyễn", "nguyen"), NamePart("Trần", "tran"), NamePart("Phạm", "pham")],
            familyFirst: true, locale: "vi-VN", phones: [("84", "9", 8)]),
        NameCulture(
            given: [
                NamePart("Priya"), NamePart("Aarav"), NamePart("Lakshmi"),
                NamePart("Venkatasubramanian"),
            ],
            family: [
                NamePart("Ramakrishnan"), NamePart("Chattopadhyay"), NamePart("Iyer"),
                NamePart("Venkataraghavan"),
            ],
            locale: "en-IN", phones: [("91", "98", 8), ("91", "70", 8)]),
        NameCulture(
            given: [
                NamePart("Abdul-Rahman", "abdulrahman"), NamePart("Fatima"), NamePart("Youssef"), NamePart("Nour"),
            ],
            family: [NamePart("Al-Khalifa", "alkhalifa"), NamePart("El-Amin", "elamin"), NamePart("Haddad")],
            locale: "ar-AE", phones: [("971", "50", 7), ("20", "10", 8)]),
        NameCulture(
            given: [NamePart("Siobhán", "siobhan"), NamePart("Aoife"), NamePart("Niamh"), NamePart("Seán", "sean")],
            family: [
                NamePart("O'Brien", "obrien"), NamePart("Ní Bhriain", "nibhriain"),
                NamePart("Mac Giolla Phádraig", "macgiollaphadraig"), NamePart("Fitzgerald"),
            ],
            locale: "en-IE", phones: [("353", "87", 7), ("44", "7700", 6)]),
        NameCulture(
            given: [NamePart("Γιώργος", "giorgos"), NamePart("Ελένη", "eleni"), NamePart("Νικόλαος", "nikolaos")],
            family: [NamePart("Παπαδόπουλος", "papadopoulos"), NamePart("Οικονόμου", "oikonomou")],
            locale: "el-GR", phones: [("30", "69", 8)]),
        NameCulture(
            given: [NamePart("Keʻalohilani", "kealohilani"), NamePart("Kai"), NamePart("Leilani")],
            family: [NamePart("Kalanianaʻole", "kalanianaole"), NamePart("Kahananui")],
            locale: "en-US", phones: [("1", "808", 7)]),
        NameCulture(
            given: [
                NamePart("James"), NamePart("Mary"), NamePart("DeShawn"), NamePart("Emily"), NamePart("Chloé", "chloe"),
                NamePart("Michael"), NamePart("Olivia"),
            ],
            family: [
                NamePart("Smith"), NamePart("Johnson"), NamePart("Washington"), NamePart("Rodríguez", "rodriguez"),
                NamePart("Nakamura-Whitfield", "nakamura-whitfield"),
            ],
            locale: "en-US", phones: [("1", "415", 7), ("1", "212", 7), ("1", "512", 7)]),
        NameCulture(
            given: [NamePart("Zsófia", "zsofia"), NamePart("Bálint", "balint"), NamePart("Gergő", "gergo")],
            family: [NamePart("Szőke", "szoke"), NamePart("Kovács", "kovacs"), NamePart("Nagy")],
            familyFirst: true, locale: "hu-HU", phones: [("36", "30", 7)]),
    ]
}
