//! Names of people and companies: Vietnamese (with diacritics and realistic
//! family-name frequencies) and international (French, English, German,
//! Spanish, Chinese, Japanese, Korean, Thai, Indian).

use crate::rng::Rng;

/// Vietnamese family names with their approximate share of the population (per mille).
pub const VN_FAMILY: &[(&str, u32)] = &[
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 30),
    ("Huỳnh", 21),
    ("Phan", 45),
    ("Vũ", 20),
    ("Võ", 19),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Trương", 8),
    ("Đinh", 7),
    ("Lâm", 6),
    ("Mai", 5),
    ("Đoàn", 5),
    ("Trịnh", 5),
    ("Lương", 4),
    ("Cao", 4),
    ("Tô", 3),
    ("Châu", 3),
    ("Tạ", 2),
    ("Quách", 2),
    ("Thái", 2),
    ("Kiều", 1),
    ("La", 1),
];

const VN_MIDDLE_MALE: &[(&str, u32)] = &[
    ("Văn", 40),
    ("Minh", 14),
    ("Đức", 10),
    ("Hữu", 9),
    ("Thanh", 7),
    ("Quang", 7),
    ("Công", 5),
    ("Anh", 4),
    ("Gia", 3),
    ("Hoàng", 3),
    ("Tuấn", 2),
    ("Trọng", 3),
];

const VN_MIDDLE_FEMALE: &[(&str, u32)] = &[
    ("Thị", 45),
    ("Ngọc", 12),
    ("Thanh", 7),
    ("Thu", 6),
    ("Minh", 5),
    ("Kim", 5),
    ("Phương", 4),
    ("Hồng", 4),
    ("Bích", 3),
    ("Mai", 3),
    ("Bảo", 3),
    ("Khánh", 3),
];

const VN_GIVEN_MALE: &[&str] = &[
    "Anh", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Hải", "Hiếu", "Hoàng", "Hùng", "Hưng", "Huy",
    "Khánh", "Khoa", "Kiên", "Lộc", "Long", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân",
    "Quang", "Sơn", "Tâm", "Thắng", "Thịnh", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Bảo",
];

const VN_GIVEN_FEMALE: &[&str] = &[
    "Anh", "Châu", "Diệp", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Loan",
    "Mai", "My", "Ngân", "Ngọc", "Nhi", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Thư", "Trâm",
    "Trang", "Tuyết", "Uyên", "Vy", "Yến", "Khánh", "Huyền", "Hiền",
];

/// A cultural origin for international names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Vietnamese.
    Vietnamese,
    /// French.
    French,
    /// English (UK, US, Australia).
    English,
    /// German.
    German,
    /// Spanish.
    Spanish,
    /// Chinese, in pinyin or in characters.
    Chinese,
    /// Japanese, romanised or in kanji.
    Japanese,
    /// Korean, romanised or in Hangul.
    Korean,
    /// Thai.
    Thai,
    /// Indian.
    Indian,
}

impl Origin {
    /// BCP 47 language tag people of this origin usually prefer.
    #[must_use]
    pub fn language(self) -> &'static str {
        match self {
            Origin::Vietnamese => "vi",
            Origin::French => "fr",
            Origin::English | Origin::Indian => "en",
            Origin::German => "de",
            Origin::Spanish => "es",
            Origin::Chinese => "zh-Hans",
            Origin::Japanese => "ja",
            Origin::Korean => "ko",
            Origin::Thai => "th",
        }
    }

    /// A home time zone for foreigners who keep one.
    #[must_use]
    pub fn time_zone(self) -> &'static str {
        match self {
            Origin::Vietnamese => "Asia/Ho_Chi_Minh",
            Origin::French => "Europe/Paris",
            Origin::English => "Europe/London",
            Origin::German => "Europe/Berlin",
            Origin::Spanish => "Europe/Madrid",
            Origin::Chinese => "Asia/Shanghai",
            Origin::Japanese => "Asia/Tokyo",
            Origin::Korean => "Asia/Seoul",
            Origin::Thai => "Asia/Bangkok",
            Origin::Indian => "Asia/Kolkata",
        }
    }
}

/// Share of international customers by origin (per mille of foreigners).
const FOREIGN_ORIGINS: &[(Origin, u32)] = &[
    (Origin::French, 120),
    (Origin::English, 220),
    (Origin::German, 60),
    (Origin::Spanish, 40),
    (Origin::Chinese, 180),
    (Origin::Japanese, 130),
    (Origin::Korean, 170),
    (Origin::Thai, 40),
    (Origin::Indian, 40),
];

/// (given names, family names) per Western origin; given-first order.
const FRENCH: (&[&str], &[&str]) = (
    &[
        "Jean",
        "Élodie",
        "François",
        "Hélène",
        "Stéphane",
        "Zoë",
        "Chloé",
        "Théo",
        "Amélie",
        "Jérôme",
        "Gaëlle",
        "Noël",
        "Léa",
        "Benoît",
        "Céline",
        "Loïc",
    ],
    &[
        "Dupont",
        "Lefèvre",
        "Mercier",
        "Moreau",
        "Giraud",
        "Bérard",
        "Rousseau",
        "Lemaître",
        "Fournier",
        "Girard",
        "Chevalier",
        "Dubois",
        "Faure",
        "Bonnet",
    ],
);
const ENGLISH: (&[&str], &[&str]) = (
    &[
        "James",
        "Olivia",
        "William",
        "Emma",
        "Jack",
        "Charlotte",
        "Thomas",
        "Amelia",
        "Daniel",
        "Sophie",
        "Michael",
        "Grace",
        "Ryan",
        "Emily",
        "Liam",
        "Hannah",
    ],
    &[
        "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Walker", "Wright",
        "Thompson", "O'Brien", "Robinson", "Clarke", "Hughes", "Miller", "Anderson",
    ],
);
const GERMAN: (&[&str], &[&str]) = (
    &[
        "Jürgen", "Günther", "Anna", "Lukas", "Sophie", "Matthias", "Björn", "Jörg", "Käthe",
    ],
    &[
        "Müller", "Schäfer", "Schmidt", "Weiß", "Köhler", "Groß", "Becker", "Hoffmann",
    ],
);
const SPANISH: (&[&str], &[&str]) = (
    &[
        "José", "María", "Íñigo", "Lucía", "Sofía", "Martín", "Álvaro", "Inés",
    ],
    &[
        "García",
        "Fernández",
        "Martínez",
        "López",
        "Sánchez",
        "Muñoz",
        "Pérez",
        "Gómez",
    ],
);
const THAI: (&[&str], &[&str]) = (
    &["Somchai", "Niran", "Ploy", "Kanya", "Arthit", "Malee"],
    &[
        "Srisai",
        "Wongsakul",
        "Chaiyaporn",
        "Rattanakosin",
        "Suwannarat",
    ],
);
const INDIAN: (&[&str], &[&str]) = (
    &[
        "Aarav", "Priya", "Rahul", "Ananya", "Vikram", "Deepa", "Arjun",
    ],
    &["Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Singh"],
);

/// (family, given) in romanised and native script; family-first order.
const CHINESE_ROMAN: (&[&str], &[&str]) = (
    &[
        "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
    ],
    &[
        "Wei", "Fang", "Na", "Min", "Jing", "Lei", "Yan", "Jun", "Xiaoming", "Lihua",
    ],
);
const CHINESE_HANZI: (&[&str], &[&str]) = (
    &["王", "李", "张", "刘", "陈", "杨", "黄", "赵"],
    &[
        "伟", "芳", "娜", "敏", "静", "磊", "艳", "军", "秀英", "志强",
    ],
);
const JAPANESE_ROMAN: (&[&str], &[&str]) = (
    &[
        "Satō",
        "Suzuki",
        "Takahashi",
        "Tanaka",
        "Watanabe",
        "Itō",
        "Yamamoto",
        "Nakamura",
        "Kobayashi",
    ],
    &[
        "Hiroshi", "Yūki", "Haruto", "Sakura", "Kenji", "Aiko", "Takumi", "Yui", "Shōta", "Emi",
    ],
);
const JAPANESE_KANJI: (&[&str], &[&str]) = (
    &["佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤"],
    &["浩", "健", "陽翔", "さくら", "結衣", "健二"],
);
const KOREAN_ROMAN: (&[&str], &[&str]) = (
    &["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"],
    &[
        "Min-jun", "Seo-yeon", "Ji-woo", "Ha-eun", "Do-yun", "Ji-ho", "Soo-ah", "Hyun-woo",
    ],
);
const KOREAN_HANGUL: (&[&str], &[&str]) = (
    &["김", "이", "박", "최", "정"],
    &["민준", "서연", "지우", "하은", "도윤", "지호"],
);

/// A generated person's name in its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    /// Full name as written in the person's culture.
    pub full: String,
    /// Given name.
    pub given: String,
    /// Family name.
    pub family: String,
    /// Middle names (Vietnamese "Văn", "Thị Ngọc", ...), may be empty.
    pub middle: Vec<String>,
    /// Origin of the name.
    pub origin: Origin,
    /// Whether the name is commonly seen as female (for forms of address).
    pub female: bool,
    /// Whether the full name is written in a non-Latin script.
    pub native_script: bool,
}

impl PersonName {
    /// How a Vietnamese shop would address the person ("anh Đức", "chị Lan").
    #[must_use]
    pub fn address_form(&self) -> String {
        if self.origin == Origin::Vietnamese {
            let title = if self.female { "chị" } else { "anh" };
            format!("{title} {}", self.given)
        } else {
            self.full.clone()
        }
    }
}

/// A Vietnamese person's name: family, one or two middle names, given name.
pub fn vietnamese_person(rng: &mut Rng) -> PersonName {
    let female = rng.chance(0.52);
    let family = *rng.weighted(VN_FAMILY);
    let middles = if female {
        VN_MIDDLE_FEMALE
    } else {
        VN_MIDDLE_MALE
    };
    let givens = if female {
        VN_GIVEN_FEMALE
    } else {
        VN_GIVEN_MALE
    };
    let given = *rng.pick(givens);
    let mut middle = vec![(*rng.weighted(middles)).to_owned()];
    if rng.chance(0.15) {
        let second = *rng.weighted(middles);
        // "Văn" and "Thị" open a name; they are not second middle names.
        if second != middle[0] && second != given && second != "Văn" && second != "Thị" {
            middle.push(second.to_owned());
        }
    }
    if middle[0] == given {
        middle[0] = if female { "Thị" } else { "Văn" }.to_owned();
    }
    let full = format!("{family} {} {given}", middle.join(" "));
    PersonName {
        full,
        given: given.to_owned(),
        family: family.to_owned(),
        middle,
        origin: Origin::Vietnamese,
        female,
        native_script: false,
    }
}

fn western(rng: &mut Rng, origin: Origin, table: (&[&str], &[&str])) -> PersonName {
    let i = rng.index(table.0.len());
    let given = table.0[i];
    let family = *rng.pick(table.1);
    PersonName {
        full: format!("{given} {family}"),
        given: given.to_owned(),
        family: family.to_owned(),
        middle: Vec::new(),
        origin,
        female: i % 2 == 1,
        native_script: false,
    }
}

fn east_asian(
    rng: &mut Rng,
    origin: Origin,
    roman: (&[&str], &[&str]),
    native: (&[&str], &[&str]),
    native_share: f64,
    native_sep: &str,
) -> PersonName {
    let native_script = rng.chance(native_share);
    let (families, givens, sep) = if native_script {
        (native.0, native.1, native_sep)
    } else {
        (roman.0, roman.1, " ")
    };
    let gi = rng.index(givens.len());
    let family = *rng.pick(families);
    let given = givens[gi];
    PersonName {
        full: format!("{family}{sep}{given}"),
        given: given.to_owned(),
        family: family.to_owned(),
        middle: Vec::new(),
        origin,
        female: gi % 2 == 1,
        native_script,
    }
}

/// An international person's name.
pub fn foreign_person(rng: &mut Rng) -> PersonName {
    let origin = *rng.weighted(FOREIGN_ORIGINS);
    match origin {
        Origin::French => western(rng, origin, FRENCH),
        Origin::German => western(rng, origin, GERMAN),
        Origin::Spanish => western(rng, origin, SPANISH),
        Origin::Thai => western(rng, origin, THAI),
        Origin::Indian => western(rng, origin, INDIAN),
        Origin::Chinese => east_asian(rng, origin, CHINESE_ROMAN, CHINESE_HANZI, 0.3, ""),
        Origin::Japanese => east_asian(rng, origin, JAPANESE_ROMAN, JAPANESE_KANJI, 0.25, " "),
        Origin::Korean => east_asian(rng, origin, KOREAN_ROMAN, KOREAN_HANGUL, 0.25, ""),
        Origin::English | Origin::Vietnamese => western(rng, Origin::English, ENGLISH),
    }
}

/// A person's name: Vietnamese with probability `vietnamese_share`, else international.
pub fn person(rng: &mut Rng, vietnamese_share: f64) -> PersonName {
    if rng.chance(vietnamese_share) {
        vietnamese_person(rng)
    } else {
        foreign_person(rng)
    }
}

/// Vietnamese legal forms of companies, with their weights (shared with `dupes`).
pub(crate) const VN_COMPANY_FORMS: &[(&str, u32)] = &[
    ("Công ty TNHH", 55),
    ("Công ty Cổ phần", 30),
    ("Công ty TNHH MTV", 10),
    ("Doanh nghiệp tư nhân", 5),
];
/// Trades in Vietnamese company names (shared with `dupes`).
pub(crate) const VN_COMPANY_TRADES: &[&str] = &[
    "Thương mại Dịch vụ",
    "Xuất nhập khẩu",
    "Công nghệ",
    "Thực phẩm",
    "Xây dựng",
    "Du lịch",
    "Vận tải",
    "Nội thất",
    "Dược phẩm",
    "Thời trang",
    "Đầu tư",
    "",
];
const VN_COMPANY_BRANDS: &[&str] = &[
    "An Phát",
    "Thành Công",
    "Hưng Thịnh",
    "Phú Mỹ",
    "Sài Gòn Xanh",
    "Minh Long",
    "Việt Tiến",
    "Đại Dương",
    "Hoàng Gia",
    "Tân Cảng",
    "Bến Thành",
    "Phương Nam",
    "Ánh Dương",
    "Bình Minh",
    "Kim Cương",
    "Hồng Hà",
    "Trường Sơn",
    "Đông Á",
    "Lạc Hồng",
    "Sông Hàn",
    "Cửu Long",
    "Nam Việt",
    "Thiên Long",
    "Gia Định",
];
const INTL_COMPANY_STEMS: &[&str] = &[
    "Mekong",
    "Saigon",
    "Pacific Rim",
    "Lumière",
    "Nordic",
    "Blue Lotus",
    "Tanaka",
    "Hanbit",
    "Golden Dragon",
    "Evergreen",
    "Riverside",
    "Orchid",
    "Kōyō",
    "Maison Indochine",
    "Crescent",
];
const INTL_COMPANY_TRADES: &[&str] = &[
    "Logistics",
    "Trading",
    "Coffee Roasters",
    "Furniture",
    "Electronics",
    "Textiles",
    "Consulting",
    "Imports",
    "Foods",
    "Hospitality",
];
const INTL_COMPANY_FORMS: &[&str] = &[
    "Ltd.",
    "Co., Ltd.",
    "Pte. Ltd.",
    "Inc.",
    "SARL",
    "GmbH",
    "JSC",
    "AB",
    "K.K.",
];

/// A generated organisation name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyName {
    /// Full legal name ("Công ty TNHH Thương mại Dịch vụ An Phát").
    pub full: String,
    /// Short trading name ("An Phát").
    pub short: String,
    /// Whether it is a Vietnamese company.
    pub vietnamese: bool,
}

/// A company name: Vietnamese with probability `vietnamese_share`.
pub fn company(rng: &mut Rng, vietnamese_share: f64) -> CompanyName {
    if rng.chance(vietnamese_share) {
        let form = *rng.weighted(VN_COMPANY_FORMS);
        let trade = *rng.pick(VN_COMPANY_TRADES);
        let brand = *rng.pick(VN_COMPANY_BRANDS);
        let full = if trade.is_empty() {
            format!("{form} {brand}")
        } else {
            format!("{form} {trade} {brand}")
        };
        CompanyName {
            full,
            short: brand.to_owned(),
            vietnamese: true,
        }
    } else {
        let stem = *rng.pick(INTL_COMPANY_STEMS);
        let trade = *rng.pick(INTL_COMPANY_TRADES);
        let form = *rng.pick(INTL_COMPANY_FORMS);
        CompanyName {
            full: format!("{stem} {trade} {form}"),
            short: format!("{stem} {trade}"),
            vietnamese: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::is_nfc;

    #[test]
    fn nguyen_is_about_38_percent_and_names_are_nfc() {
        let mut rng = Rng::new(11);
        let n = 20_000;
        let mut nguyen = 0;
        for _ in 0..n {
            let p = vietnamese_person(&mut rng);
            assert!(is_nfc(&p.full), "{}", p.full);
            assert_eq!(p.full.split(' ').count(), 2 + p.middle.len());
            if p.family == "Nguyễn" {
                nguyen += 1;
            }
        }
        let share = f64::from(nguyen) / f64::from(n);
        assert!((0.35..0.41).contains(&share), "{share}");
        for _ in 0..2000 {
            let p = foreign_person(&mut rng);
            assert!(is_nfc(&p.full) && !p.full.trim().is_empty());
            let c = company(&mut rng, 0.7);
            assert!(is_nfc(&c.full) && c.full.contains(c.short.as_str()));
        }
    }
}
