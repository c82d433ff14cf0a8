// Name and text material of the demo data set (data only, no logic).

export const VN_FAMILY = [
  "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan",
  "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trịnh", "Đinh", "Lâm", "Mai",
];

export const VN_MIDDLE_MALE = ["Văn", "Minh", "Quốc", "Hoàng", "Đức", "Hữu", "Gia", "Thanh", "Công", "Tấn"];
export const VN_MIDDLE_FEMALE = ["Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bảo", "Mỹ", "Hồng", "Diệu"];

export const VN_GIVEN_MALE = [
  "Đức", "Anh", "Bảo", "Dũng", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Minh", "Nam", "Phong",
  "Phúc", "Quang", "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt", "Khoa", "Lộc", "Nghĩa", "Toàn",
];
export const VN_GIVEN_FEMALE = [
  "Hạnh", "Anh", "Châu", "Giang", "Hà", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngọc",
  "Nhung", "Phương", "Thảo", "Thủy", "Trang", "Vy", "Yến", "Loan", "Oanh", "Tuyết", "Xuân", "My",
];

/** International customers: [given, family, time zone, phone prefix, digits after it]. */
export const INTERNATIONAL: [string, string, string, string, number][] = [
  ["Zoë", "Müller", "Europe/Berlin", "+49 151 ", 8],
  ["José", "Álvarez", "Europe/Madrid", "+34 612 ", 6],
  ["François", "Lefèvre", "Europe/Paris", "+33 6 1", 7],
  ["Chloé", "Dubois", "Europe/Paris", "+33 6 1", 7],
  ["Søren", "Kjær", "Europe/Copenhagen", "+45 20 ", 6],
  ["Łukasz", "Wójcik", "Europe/Warsaw", "+48 512 ", 6],
  ["Björn", "Åkesson", "Europe/Stockholm", "+46 70 ", 7],
  ["Inês", "Conceição", "Europe/Lisbon", "+351 912 ", 6],
  ["Renée", "Östlund", "Europe/Stockholm", "+46 73 ", 7],
  ["Ngozi", "Okafor", "Africa/Lagos", "+234 803 ", 7],
  ["Aiko", "Tanaka", "Asia/Tokyo", "+81 90 ", 8],
  ["Min-jun", "Kim", "Asia/Seoul", "+82 10 ", 8],
  ["Somchai", "Srisuk", "Asia/Bangkok", "+66 81 ", 7],
  ["Siti", "Rahmawati", "Asia/Jakarta", "+62 812 ", 8],
  ["Emily", "O'Connor", "Europe/Dublin", "+353 87 ", 7],
  ["Mateus", "Gonçalves", "America/Sao_Paulo", "+55 11 9", 8],
  ["Andrés", "Peña", "America/Bogota", "+57 310 ", 7],
  ["Jürgen", "Schröder", "Europe/Berlin", "+49 160 ", 7],
];

export const ORGANIZATIONS = [
  "Công ty TNHH Ánh Dương",
  "Cà phê Sương Sớm",
  "Khách sạn Hoàng Đạo",
  "Nhà hàng Bếp Việt",
  "Công ty CP Nội thất Phúc Lộc",
  "Trường Mầm non Hướng Dương",
  "Văn phòng Luật Đông Á",
  "Spa Thiên Nhiên",
];

export const CITIES = ["Hồ Chí Minh", "Hà Nội", "Đà Nẵng", "Cần Thơ", "Hải Phòng", "Nha Trang", "Biên Hòa"];

export const STREETS = [
  "Nguyễn Huệ", "Lê Lợi", "Hai Bà Trưng", "Điện Biên Phủ", "Võ Văn Tần", "Pasteur", "Trần Hưng Đạo",
  "Lý Tự Trọng", "Cách Mạng Tháng Tám", "Nguyễn Thị Minh Khai",
];

/** Complaint material per category: [category, subjects]. */
export const COMPLAINT_TOPICS: [string, string[]][] = [
  ["delivery", ["Giao hàng trễ 3 ngày", "Late delivery of my order", "Đơn hàng giao thiếu sản phẩm", "Shipper không gọi trước khi giao"]],
  ["product_defect", ["Sản phẩm bị trầy xước khi mở hộp", "Máy lạnh chảy nước", "Sofa bị lún sau 2 tuần", "Tủ lạnh kêu to bất thường"]],
  ["billing", ["Tính sai tiền trên hóa đơn", "Charged twice for one order", "Chưa nhận được hoàn tiền", "Voucher không áp dụng được"]],
  ["service", ["Nhân viên tư vấn thiếu nhiệt tình", "Hotline không ai bắt máy", "Rude answer in the showroom", "Chờ quá lâu tại cửa hàng"]],
  ["installation", ["Kỹ thuật viên không đến lắp đặt", "Lắp đặt sai vị trí", "Installation left a mess", "Thiếu ốc vít khi lắp tủ"]],
  ["warranty", ["Từ chối bảo hành không rõ lý do", "Warranty repair takes too long", "Bảo hành xong vẫn lỗi", "Mất phiếu bảo hành điện tử"]],
];

export const CUSTOMER_MESSAGES = [
  "Em đã gửi ảnh sản phẩm qua Zalo, nhờ anh chị kiểm tra giúp.",
  "Tôi vẫn chưa nhận được phản hồi, mong sớm được xử lý.",
  "Here are the photos you asked for.",
  "Chiều nay sau 3 giờ tôi có nhà, kỹ thuật viên qua được không?",
  "Số đơn hàng của tôi là DH-2026-0412.",
  "Thanks, the technician can come on Saturday morning.",
];

export const AGENT_RESPONSES = [
  "Dạ em chào anh/chị, em đã ghi nhận và chuyển bộ phận kỹ thuật xử lý ngay ạ.",
  "Xin lỗi anh/chị vì sự bất tiện. Em sẽ gọi lại trong hôm nay.",
  "Thank you for reaching out, we are looking into it right away.",
  "Dạ bên em đã đặt lịch kỹ thuật viên đến kiểm tra vào sáng mai ạ.",
  "Em đã kiểm tra đơn hàng, anh/chị vui lòng gửi giúp em ảnh sản phẩm ạ.",
  "We have issued a replacement; it ships tomorrow.",
];

export const RESOLUTIONS: [string, string][] = [
  ["repaired", "Kỹ thuật viên đã sửa tại nhà khách hàng."],
  ["replaced", "Đổi sản phẩm mới cho khách."],
  ["refunded", "Hoàn tiền phần chênh lệch."],
  ["explained", "Đã giải thích chính sách, khách đồng ý."],
  ["delivered", "Đã giao bù phần còn thiếu."],
];

/** Products: [name, category, unit price in VND]. */
export const PRODUCTS: [string, string, number][] = [
  ["Sofa da 3 chỗ", "furniture", 18_500_000],
  ["Bàn ăn gỗ sồi 6 ghế", "furniture", 14_900_000],
  ["Tủ quần áo 4 cánh", "furniture", 9_800_000],
  ["Ghế công thái học", "furniture", 4_200_000],
  ["Máy lạnh Inverter 1.5HP", "appliance", 11_490_000],
  ["Tủ lạnh 2 cánh 450L", "appliance", 16_990_000],
  ["Máy giặt cửa trước 9kg", "appliance", 8_790_000],
  ["Nồi chiên không dầu", "appliance", 2_390_000],
  ["Đèn bàn LED", "accessory", 690_000],
  ["Bộ chăn ga gối lụa", "accessory", 1_850_000],
  ["Thảm trải sàn", "accessory", 1_250_000],
  ["Gói lắp đặt tại nhà", "service", 500_000],
];

export const OPPORTUNITY_TITLES = [
  "Nội thất văn phòng tầng 3",
  "Trang bị phòng khách căn hộ mới",
  "Máy lạnh cho 5 phòng khách sạn",
  "Office chairs for the new team",
  "Combo bếp cho nhà hàng",
  "Sofa và bàn trà",
  "Thiết bị cho chuỗi cà phê",
  "Refit of the meeting rooms",
];

export const FOLLOW_UP_SUBJECTS: [string, "call" | "email" | "message" | "visit"][] = [
  ["Gọi lại xác nhận lịch lắp đặt", "call"],
  ["Gửi báo giá cập nhật", "email"],
  ["Nhắn Zalo hỏi thăm sau bảo hành", "message"],
  ["Khảo sát mặt bằng tại nhà khách", "visit"],
  ["Call back about the refund", "call"],
  ["Gửi hướng dẫn sử dụng", "email"],
];
