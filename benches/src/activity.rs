//! Details of generated activity: channels, networks, subjects, consents,
//! lifecycle moves. Shared by the workspace builder and the examples.

use crate::rng::Rng;
use clientcare::{Channel, Direction, Lifecycle, Network, Purpose};

/// Share of interactions per channel in a Hồ Chí Minh City shop.
pub const CHANNELS: &[(Channel, u32)] = &[
    (Channel::Social, 26),
    (Channel::Phone, 20),
    (Channel::InPerson, 12),
    (Channel::Email, 11),
    (Channel::LiveChat, 11),
    (Channel::Sms, 6),
    (Channel::Web, 7),
    (Channel::Forum, 3),
    (Channel::Other, 4),
];

/// Share of social interactions per network (Zalo leads in Vietnam).
pub const NETWORKS: &[(Network, u32)] = &[
    (Network::Zalo, 44),
    (Network::Facebook, 20),
    (Network::Messenger, 16),
    (Network::Tiktok, 11),
    (Network::Instagram, 9),
];

const DIRECTIONS: &[(Direction, u32)] = &[
    (Direction::Inbound, 60),
    (Direction::Outbound, 35),
    (Direction::Internal, 5),
];

const SUBJECTS: &[&str] = &[
    "Hỏi giá sản phẩm",
    "Xác nhận đơn hàng",
    "Đổi trả hàng",
    "Giao hàng chậm",
    "Tư vấn bảo hành",
    "Hỏi về khuyến mãi",
    "Cập nhật địa chỉ giao hàng",
    "Thanh toán chuyển khoản",
    "Đặt hàng số lượng lớn",
    "Góp ý dịch vụ",
    "Hẹn lịch xem hàng",
    "Xuất hoá đơn VAT",
];

const SUMMARIES: &[&str] = &[
    "Khách hỏi còn size M không, đã báo còn hàng.",
    "Đã gửi báo giá qua email, chờ khách phản hồi.",
    "Khách phàn nàn giao trễ 2 ngày; xin lỗi và tặng mã giảm giá.",
    "Tư vấn chính sách đổi trả trong 7 ngày.",
    "Khách xác nhận nhận hàng, hài lòng.",
    "Nhắc khách thanh toán phần còn lại.",
    "Customer asked for an English invoice; sent.",
    "Ghi chú nội bộ: khách thích liên hệ buổi chiều.",
];

/// Where consent decisions come from.
pub const CONSENT_SOURCES: &[&str] = &[
    "form đăng ký trên web",
    "tại cửa hàng Quận 1",
    "cuộc gọi CSKH",
    "Zalo OA",
    "phiếu giấy",
];

/// One generated interaction's details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InteractionDetails {
    /// Channel.
    pub channel: Channel,
    /// Network for the social channel.
    pub network: Option<Network>,
    /// Direction.
    pub direction: Direction,
    /// Subject line.
    pub subject: Option<String>,
    /// Notes.
    pub summary: Option<String>,
    /// Duration for calls, visits and chats.
    pub duration_seconds: Option<u32>,
    /// Whether an agent handles it (web forms arrive without one).
    pub with_agent: bool,
}

/// Draws an interaction's details.
pub fn interaction(rng: &mut Rng) -> InteractionDetails {
    let channel = *rng.weighted(CHANNELS);
    let network = (channel == Channel::Social).then(|| *rng.weighted(NETWORKS));
    let mut direction = *rng.weighted(DIRECTIONS);
    if channel == Channel::Web || channel == Channel::Forum {
        direction = Direction::Inbound;
    }
    let subject = rng.chance(0.7).then(|| (*rng.pick(SUBJECTS)).to_owned());
    let summary = rng.chance(0.35).then(|| (*rng.pick(SUMMARIES)).to_owned());
    let duration_seconds = match channel {
        Channel::Phone => Some(30 + rng.below(900) as u32),
        Channel::InPerson => Some(300 + rng.below(2400) as u32),
        Channel::LiveChat => Some(60 + rng.below(1200) as u32),
        _ => None,
    };
    InteractionDetails {
        channel,
        network,
        direction,
        subject,
        summary,
        duration_seconds,
        with_agent: channel != Channel::Web || direction != Direction::Inbound,
    }
}

/// A consent decision: (channel, purpose, granted).
pub fn consent(rng: &mut Rng) -> (Channel, Purpose, bool) {
    let channel = *rng.weighted(&[
        (Channel::Email, 35),
        (Channel::Sms, 25),
        (Channel::Social, 25),
        (Channel::Phone, 15),
    ]);
    let purpose = *rng.weighted(&[
        (Purpose::Marketing, 50),
        (Purpose::Service, 25),
        (Purpose::Feedback, 15),
        (Purpose::Profiling, 10),
    ]);
    (channel, purpose, rng.chance(0.85))
}

/// The next lifecycle stage after `current` (always a different one).
pub fn next_lifecycle(rng: &mut Rng, current: Lifecycle) -> Lifecycle {
    match current {
        Lifecycle::Lead => {
            if rng.chance(0.9) {
                Lifecycle::Prospect
            } else {
                Lifecycle::Churned
            }
        }
        Lifecycle::Prospect => {
            if rng.chance(0.85) {
                Lifecycle::Customer
            } else {
                Lifecycle::Churned
            }
        }
        Lifecycle::Customer => {
            if rng.chance(0.75) {
                Lifecycle::Loyal
            } else {
                Lifecycle::Churned
            }
        }
        Lifecycle::Loyal => {
            if rng.chance(0.7) {
                Lifecycle::Churned
            } else {
                Lifecycle::Customer
            }
        }
        Lifecycle::Churned => Lifecycle::Prospect,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_channel_and_network_occurs_and_lifecycle_moves() {
        let mut rng = Rng::new(4);
        let mut channels = std::collections::HashSet::new();
        let mut networks = std::collections::HashSet::new();
        for _ in 0..5000 {
            let d = interaction(&mut rng);
            assert_eq!(d.network.is_some(), d.channel == Channel::Social);
            channels.insert(d.channel);
            networks.extend(d.network);
        }
        assert_eq!(channels.len(), Channel::ALL.len());
        assert_eq!(networks.len(), NETWORKS.len());
        for l in Lifecycle::ALL {
            for _ in 0..20 {
                assert_ne!(next_lifecycle(&mut rng, l), l);
            }
        }
    }
}
