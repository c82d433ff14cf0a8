//! What the shop sells and how customers buy: the catalogue (in VND, with
//! categories), counter baskets, deal baskets, campaigns, lost reasons and
//! the consents asked for at the till.

use chrono::{Datelike, NaiveDate};
use clientcare::{Channel, Money, PurchaseItem, Purpose};
use clientcare_bench::Rng;

/// Furniture: the category of the big-ticket playbook.
pub const FURNITURE: &str = "nội thất";
/// Household appliances.
pub const APPLIANCES: &str = "gia dụng";
/// Kitchenware.
pub const KITCHEN: &str = "đồ bếp";
/// Decoration.
pub const DECOR: &str = "trang trí";
/// Bedding.
pub const BEDDING: &str = "chăn ga gối";

/// A product of the catalogue: name, category, unit price in VND.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Product {
    /// Name on the receipt.
    pub name: &'static str,
    /// Category (playbook conditions use it).
    pub category: &'static str,
    /// Unit price in VND (no minor unit).
    pub price: i64,
}

const fn p(name: &'static str, category: &'static str, price: i64) -> Product {
    Product {
        name,
        category,
        price,
    }
}

/// Big pieces, sold through deals more often than at the counter.
pub const BIG: &[Product] = &[
    p("Sofa da 3 chỗ", FURNITURE, 18_500_000),
    p("Bộ bàn ăn gỗ sồi 6 ghế", FURNITURE, 15_900_000),
    p("Giường gỗ óc chó 1m8", FURNITURE, 24_000_000),
    p("Tủ quần áo 4 cánh", FURNITURE, 12_800_000),
    p("Nệm cao su thiên nhiên 1m6", BEDDING, 9_800_000),
    p("Robot hút bụi lau nhà", APPLIANCES, 8_900_000),
    p("Máy lọc không khí", APPLIANCES, 5_990_000),
    p("Kệ tivi gỗ", FURNITURE, 3_900_000),
];

/// Everyday items, the counter's usual basket.
pub const SMALL: &[Product] = &[
    p("Nồi chiên không dầu", APPLIANCES, 2_490_000),
    p("Bộ nồi inox 5 món", KITCHEN, 1_850_000),
    p("Bộ dao nhà bếp", KITCHEN, 890_000),
    p("Chảo chống dính 28cm", KITCHEN, 450_000),
    p("Đèn cây phòng khách", DECOR, 1_650_000),
    p("Tranh sơn mài", DECOR, 3_200_000),
    p("Bình gốm Bát Tràng", DECOR, 780_000),
    p("Bộ chăn ga gối cotton", BEDDING, 1_290_000),
    p("Gối cao su non", BEDDING, 420_000),
    p("Bàn làm việc gỗ", FURNITURE, 4_200_000),
    p("Ghế công thái học", FURNITURE, 3_600_000),
];

/// What companies buy, in quantities.
pub const OFFICE: &[Product] = &[
    p("Ghế công thái học", FURNITURE, 3_600_000),
    p("Bàn làm việc gỗ", FURNITURE, 4_200_000),
    p("Tủ hồ sơ sắt", FURNITURE, 2_750_000),
    p("Máy lọc không khí", APPLIANCES, 5_990_000),
    p("Bình gốm Bát Tràng", DECOR, 780_000),
];

/// An amount in VND.
#[must_use]
pub fn vnd(amount: i64) -> Money {
    Money {
        amount_minor: amount,
        currency: "VND".into(),
    }
}

/// One receipt line.
#[must_use]
pub fn line(p: &Product, quantity: u32) -> PurchaseItem {
    PurchaseItem {
        name: p.name.into(),
        category: Some(p.category.into()),
        quantity,
        unit_price: vnd(p.price),
    }
}

/// The total of lines in VND.
#[must_use]
pub fn total(items: &[PurchaseItem]) -> i64 {
    items
        .iter()
        .map(|i| i.unit_price.amount_minor * i64::from(i.quantity))
        .sum()
}

/// Whether a basket holds furniture (deliveries, the big-ticket playbook).
#[must_use]
pub fn has_furniture(items: &[PurchaseItem]) -> bool {
    items
        .iter()
        .any(|i| i.category.as_deref() == Some(FURNITURE))
}

/// A counter basket: one to three everyday items, now and then a big piece.
pub fn counter_basket(rng: &mut Rng) -> Vec<PurchaseItem> {
    let mut items: Vec<PurchaseItem> = Vec::new();
    if rng.chance(0.12) {
        items.push(line(rng.pick(BIG), 1));
    }
    let n = *rng.weighted(&[(1u32, 55), (2, 32), (3, 13)]);
    for _ in 0..n {
        let prod = rng.pick(SMALL);
        match items.iter_mut().find(|i| i.name == prod.name) {
            Some(i) => i.quantity += 1,
            None => items.push(line(prod, 1)),
        }
    }
    items
}

/// A company's order: one or two office products, up to `most` of each
/// (a few at the counter, by the five or ten for a deal).
pub fn office_basket(rng: &mut Rng, most: u32) -> Vec<PurchaseItem> {
    let mut items: Vec<PurchaseItem> = Vec::new();
    for _ in 0..1 + rng.below(2) {
        let prod = rng.pick(OFFICE);
        if items.iter().any(|i| i.name == prod.name) {
            continue;
        }
        let quantity = if most <= 5 {
            1 + rng.below(u64::from(most)) as u32
        } else {
            5 * (1 + rng.below(u64::from(most / 5)) as u32)
        };
        items.push(line(prod, quantity));
    }
    items
}

/// A deal's basket: one big piece (and sometimes an everyday item with it).
pub fn deal_basket(rng: &mut Rng) -> Vec<PurchaseItem> {
    let mut items = vec![line(rng.pick(BIG), 1)];
    if rng.chance(0.3) {
        items.push(line(rng.pick(SMALL), 1));
    }
    items
}

/// What a customer adds to a deal after the quote.
pub fn extra_item(rng: &mut Rng, items: &[PurchaseItem]) -> Option<PurchaseItem> {
    let prod = rng.pick(SMALL);
    (!items.iter().any(|i| i.name == prod.name)).then(|| line(prod, 1))
}

/// A deal's title from its basket.
#[must_use]
pub fn title(items: &[PurchaseItem], company: bool) -> String {
    let Some(first) = items.first() else {
        return "Tư vấn mua hàng".into();
    };
    let main = if first.quantity > 1 {
        format!("{} × {}", first.quantity, first.name)
    } else {
        first.name.clone()
    };
    match (company, items.len()) {
        (true, _) => format!("Nội thất văn phòng: {main}"),
        (false, 1) => main,
        (false, n) => format!("{main} (+{} món)", n - 1),
    }
}

/// The shop's October campaign on `date`, if any.
#[must_use]
pub fn campaign(date: NaiveDate) -> &'static str {
    match (date.month(), date.day()) {
        (10, 1..=12) => "sale-10-10",
        (10, 13..=21) => "ngay-phu-nu-20-10",
        _ => "mua-sam-cuoi-nam",
    }
}

/// Why a sales deal is lost (keys of the `sales` pipeline's list).
pub const LOST: &[(&str, u32)] = &[
    ("price", 30),
    ("competitor", 25),
    ("timing", 15),
    ("no_budget", 12),
    ("no_need", 10),
    ("no_response", 8),
];

/// Why a business deal is lost (keys of the `b2b` pipeline's list).
pub const LOST_B2B: &[(&str, u32)] = &[
    ("price", 35),
    ("competitor", 25),
    ("no_budget", 15),
    ("project_cancelled", 15),
    ("no_response", 10),
];

/// A consent the seller asks for at the till: (channel, purpose, source, share asked and granted).
pub const AT_THE_TILL: &[(Channel, Purpose, &str, f64)] = &[
    (Channel::Social, Purpose::Service, "Zalo OA tại quầy", 0.4),
    (Channel::Email, Purpose::Service, "hoá đơn điện tử", 0.35),
    (Channel::Sms, Purpose::Feedback, "phiếu mua hàng", 0.3),
    (
        Channel::Email,
        Purpose::Marketing,
        "đăng ký nhận ưu đãi tại quầy",
        0.15,
    ),
];

/// What furniture buyers agree to on the delivery slip (channel, purpose, share).
pub const ON_THE_DELIVERY_SLIP: &[(Channel, Purpose, f64)] = &[
    (Channel::Phone, Purpose::Service, 0.75),
    (Channel::InPerson, Purpose::Service, 0.6),
];
