//! The plots of ordinary complaints: who complains about what, on which
//! channel, with which priority, what happens next, and how it is resolved.

use super::Case;
use clientcare::{
    CancelReason, Channel, Compensation, CompensationKind, CustomerId, Money, Network, Priority,
    ResolveComplaint,
};
use clientcare_bench::activity::NETWORKS;
use clientcare_bench::Rng;

/// Complaint channels in a Hồ Chí Minh City shop (social: Zalo first).
const CHANNELS: &[(Channel, u32)] = &[
    (Channel::Phone, 26),
    (Channel::Social, 26),
    (Channel::Email, 14),
    (Channel::LiveChat, 12),
    (Channel::Web, 12),
    (Channel::InPerson, 10),
];

const CATEGORIES: &[(&str, u32)] = &[
    ("delivery", 34),
    ("product_quality", 26),
    ("billing", 15),
    ("warranty", 15),
    ("service", 10),
];

const PRIORITIES: &[(Priority, u32)] = &[
    (Priority::Normal, 74),
    (Priority::Low, 8),
    (Priority::High, 11),
    (Priority::Urgent, 7),
];

/// Subject and description per category.
pub(super) fn wording(rng: &mut Rng, category: &str) -> (&'static str, &'static str) {
    let table: &[(&str, &str)] = match category {
        "delivery" => &[
            ("Giao hàng trễ", "Đơn đặt 3 ngày vẫn chưa nhận được hàng."),
            (
                "Giao sai địa chỉ",
                "Shipper giao nhầm sang toà nhà bên cạnh.",
            ),
            ("Thiếu hàng khi giao", "Đơn 3 món nhưng chỉ nhận được 2."),
        ],
        "billing" => &[
            (
                "Bị trừ tiền hai lần",
                "Thanh toán thẻ một lần nhưng ngân hàng trừ hai lần.",
            ),
            (
                "Hoá đơn VAT sai thông tin",
                "Sai mã số thuế trên hoá đơn điện tử.",
            ),
            (
                "Chưa nhận được tiền hoàn",
                "Đã trả hàng tuần trước nhưng chưa thấy hoàn tiền.",
            ),
        ],
        "product_quality" => &[
            ("Sản phẩm bị lỗi", "Mở hộp thì sản phẩm không hoạt động."),
            ("Hàng bị trầy xước", "Mặt sản phẩm có vết trầy dài."),
            (
                "Sai màu so với hình",
                "Màu thực tế khác hẳn ảnh trên trang web.",
            ),
        ],
        "warranty" => &[
            (
                "Bảo hành chưa xử lý",
                "Gửi bảo hành hai tuần chưa có kết quả.",
            ),
            (
                "Hỏng trong thời gian bảo hành",
                "Máy mua 5 tháng đã không lên nguồn.",
            ),
        ],
        _ => &[
            (
                "Chờ tổng đài quá lâu",
                "Gọi tổng đài chờ hơn 20 phút không ai nghe.",
            ),
            (
                "Nhân viên tư vấn chưa đúng",
                "Được tư vấn đổi trả miễn phí nhưng bị tính phí.",
            ),
        ],
    };
    *rng.pick(table)
}

/// A step of a complaint's plot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    /// An automated acknowledgement (never counts as a response).
    Ack,
    /// The first human response; with `ask`, a question and
    /// `waiting_on_customer`; `forgotten`: lost in the inbox, answered
    /// long after the deadline.
    First { ask: bool, forgotten: bool },
    /// The customer writes: the details asked for (`answer`) or a reminder.
    CustomerWrites { answer: bool },
    /// The agent answers the customer's latest message.
    Answer,
    /// The agent raises the priority after a closer look.
    Raise,
    /// The agent escalates by hand.
    Escalate,
    /// Resolved, sometimes with compensation.
    Resolve,
    /// The customer says the problem is back.
    ComesBack,
    /// The agent reopens it.
    Reopen,
    /// The customer confirms; the agent closes it.
    Confirm,
    /// Cancelled (spam, duplicate).
    Cancel(CancelReason),
    /// Merged into an earlier complaint of the same customer (a case index).
    MergeInto(usize),
}

/// A second complaint about the same matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Twin {
    /// The customer also calls or writes on another channel a few hours later.
    OtherChannel,
    /// The web form was sent twice.
    DoubleSubmit,
}

/// A complaint about to arrive.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Arrival {
    pub(super) customer: CustomerId,
    pub(super) channel: Channel,
    pub(super) network: Option<Network>,
    pub(super) category: &'static str,
    pub(super) priority: Priority,
    pub(super) plan: Vec<Phase>,
    pub(super) twin: Option<Twin>,
    /// Currency of any compensation.
    pub(super) currency: &'static str,
    /// Subject and description (drawn for the category when absent).
    pub(super) wording: Option<(&'static str, &'static str)>,
}

/// A complaint of `customer` with its plot; `n` counts the complaints
/// planned so far. One in twenty is spam, one in twenty comes again on
/// another channel (merged), one in twenty is a web form sent twice
/// (cancelled as a duplicate), one in twenty is forgotten for a while.
pub(super) fn draw(rng: &mut Rng, customer: CustomerId, n: u64) -> Arrival {
    let turn = n % 20;
    let mut channel = *rng.weighted(CHANNELS);
    if matches!(turn, 7 | 17) {
        channel = Channel::Web;
    }
    let network = (channel == Channel::Social).then(|| *rng.weighted(NETWORKS));
    let category = *rng.weighted(CATEGORIES);
    let priority = *rng.weighted(PRIORITIES);
    let written = matches!(channel, Channel::Email | Channel::Web | Channel::Social);
    let mut plan = Vec::new();
    if turn == 7 {
        plan.push(Phase::Cancel(CancelReason::Spam));
        return Arrival {
            customer,
            channel,
            network,
            category,
            priority,
            plan,
            twin: None,
            currency: "VND",
            wording: None,
        };
    }
    if written && rng.chance(0.7) {
        plan.push(Phase::Ack);
    }
    let ask = rng.chance(0.3);
    // One in twenty is forgotten in the inbox.
    let forgotten = turn == 11;
    plan.push(Phase::First { ask, forgotten });
    if ask {
        plan.extend([Phase::CustomerWrites { answer: true }, Phase::Answer]);
    }
    if rng.chance(0.2) {
        plan.extend([Phase::CustomerWrites { answer: false }, Phase::Answer]);
    }
    if priority == Priority::Normal && rng.chance(0.06) {
        plan.push(Phase::Raise);
    }
    if rng.chance(0.12) {
        plan.push(Phase::Escalate);
    }
    plan.push(Phase::Resolve);
    if rng.chance(0.08) {
        plan.extend([Phase::ComesBack, Phase::Reopen, Phase::Resolve]);
    }
    if rng.chance(0.35) {
        plan.push(Phase::Confirm);
    }
    let twin = match turn {
        17 => Some(Twin::DoubleSubmit),
        3 => Some(Twin::OtherChannel),
        _ => None,
    };
    Arrival {
        customer,
        channel,
        network,
        category,
        priority,
        plan,
        twin,
        currency: "VND",
        wording: None,
    }
}

/// An amount of đồng in `lo..=hi`, rounded to 10 000.
fn dong(rng: &mut Rng, lo: i64, hi: i64) -> clientcare::Result<Money> {
    let steps = rng.range((lo / 10_000) as u64, (hi / 10_000) as u64) as i64;
    Money::new(steps * 10_000, "VND")
}

/// The resolution of a case: a category and sometimes compensation.
pub(super) fn resolution(rng: &mut Rng, case: &Case) -> clientcare::Result<ResolveComplaint> {
    let comp = |kind, value, note: &str| Compensation {
        kind,
        value,
        note: Some(note.into()),
    };
    let mut compensation = Vec::new();
    let (category, note) = if case.currency != "VND" {
        // Élodie: shipping charged twice, refunded on her card in euros.
        compensation.push(comp(
            CompensationKind::Refund,
            Money::new(1_850, case.currency)?,
            "phí vận chuyển quốc tế thu hai lần",
        ));
        ("refunded", "hoàn phí vận chuyển thu trùng")
    } else {
        match case.category {
            "delivery" => {
                if rng.chance(0.35) {
                    let v = dong(rng, 50_000, 200_000)?;
                    compensation.push(comp(CompensationKind::Voucher, v, "mã giảm giá đơn sau"));
                }
                if rng.chance(0.6) {
                    ("redelivered", "giao lại trong ngày")
                } else {
                    ("explained", "giải thích lịch giao của hãng vận chuyển")
                }
            }
            "billing" => {
                if rng.chance(0.6) {
                    let v = dong(rng, 100_000, 2_000_000)?;
                    compensation.push(comp(CompensationKind::Refund, v, "hoàn tiền thu thừa"));
                    ("refunded", "đã hoàn tiền")
                } else {
                    ("invoice_corrected", "xuất lại hoá đơn")
                }
            }
            "product_quality" => {
                let outcome = match *rng.weighted(&[(0u8, 45), (1, 25), (2, 30)]) {
                    0 => {
                        let v = dong(rng, 300_000, 5_000_000)?;
                        compensation.push(comp(
                            CompensationKind::Replacement,
                            v,
                            "đổi sản phẩm mới",
                        ));
                        ("replaced", "đổi sản phẩm mới")
                    }
                    1 => {
                        let v = dong(rng, 300_000, 5_000_000)?;
                        compensation.push(comp(CompensationKind::Refund, v, "hoàn tiền sản phẩm"));
                        ("refunded", "nhận lại hàng, hoàn tiền")
                    }
                    _ => ("repaired", "sửa tại cửa hàng"),
                };
                if rng.chance(0.2) {
                    let v = dong(rng, 100_000, 300_000)?;
                    compensation.push(comp(CompensationKind::Gift, v, "quà xin lỗi"));
                }
                outcome
            }
            "warranty" => {
                if rng.chance(0.2) {
                    let v = dong(rng, 150_000, 150_000)?;
                    compensation.push(comp(CompensationKind::Gift, v, "tặng phụ kiện"));
                }
                ("repaired", "sửa theo bảo hành")
            }
            _ => {
                if rng.chance(0.3) {
                    let v = dong(rng, 100_000, 100_000)?;
                    compensation.push(comp(CompensationKind::Voucher, v, "phiếu mua hàng"));
                }
                ("apologized", "xin lỗi khách, nhắc nhở nhân viên")
            }
        }
    };
    Ok(ResolveComplaint {
        complaint: case.id,
        category: category.into(),
        note: Some(note.into()),
        compensation,
    })
}
