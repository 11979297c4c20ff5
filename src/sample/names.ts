// Vietnamese names for sample applicants and civil servants, and company names. Surnames are
// weighted roughly by their frequency in the north of Vietnam.
import type { Random } from "../domain/random.js";

const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ["Nguyễn", 380],
  ["Trần", 110],
  ["Lê", 95],
  ["Phạm", 70],
  ["Hoàng", 50],
  ["Vũ", 40],
  ["Đỗ", 30],
  ["Bùi", 30],
  ["Đặng", 25],
  ["Ngô", 20],
  ["Phan", 20],
  ["Đinh", 15],
  ["Dương", 12],
  ["Trịnh", 12],
  ["Đào", 12],
  ["Lương", 8],
  ["Mai", 8],
  ["Tạ", 6],
  ["Cao", 6],
  ["Lý", 5],
  ["Chu", 5],
  ["Kiều", 4],
  ["Khuất", 3],
  ["Nghiêm", 3],
  ["Tô", 3],
  ["Lại", 3],
  ["Hồ", 5],
  ["Võ", 5],
];

const MALE_MIDDLE = [
  "Văn",
  "Đức",
  "Minh",
  "Quang",
  "Hữu",
  "Xuân",
  "Mạnh",
  "Tuấn",
  "Thành",
  "Ngọc",
  "Công",
  "Đình",
  "Trọng",
  "Hoàng",
  "Việt",
  "Anh",
];
const FEMALE_MIDDLE = [
  "Thị",
  "Thị",
  "Thị",
  "Thu",
  "Thanh",
  "Ngọc",
  "Phương",
  "Minh",
  "Thùy",
  "Hồng",
  "Bích",
  "Diệu",
  "Khánh",
  "Hải",
  "Kim",
];
const MALE_GIVEN = [
  "Anh",
  "Hùng",
  "Dũng",
  "Tuấn",
  "Minh",
  "Nam",
  "Long",
  "Sơn",
  "Hải",
  "Quân",
  "Thắng",
  "Cường",
  "Huy",
  "Đức",
  "Trung",
  "Hiếu",
  "Khoa",
  "Phong",
  "Bình",
  "Tùng",
  "Việt",
  "Hoàng",
  "Kiên",
  "Lâm",
  "Tiến",
  "Thành",
  "Vinh",
  "Hưng",
  "Đạt",
  "Toàn",
  "Quý",
  "Khánh",
  "Nghĩa",
  "Thịnh",
  "Hiệp",
];
const FEMALE_GIVEN = [
  "Hương",
  "Lan",
  "Linh",
  "Trang",
  "Hà",
  "Huyền",
  "Ngọc",
  "Thảo",
  "Mai",
  "Hằng",
  "Phương",
  "Nhung",
  "Yến",
  "Hạnh",
  "Thủy",
  "Vân",
  "Dung",
  "Nga",
  "Loan",
  "Hoa",
  "Quỳnh",
  "Oanh",
  "Giang",
  "Thư",
  "Nhàn",
  "Hiền",
  "Anh",
  "Chi",
  "Vy",
  "Ly",
  "Thanh",
  "Hồng",
];

const COMPANY_FORMS: ReadonlyArray<readonly [string, number]> = [
  ["Công ty TNHH", 5],
  ["Công ty Cổ phần", 4],
  ["Công ty TNHH MTV", 2],
  ["Hợp tác xã", 1],
];
const COMPANY_TRADES = [
  "Thương mại và Dịch vụ",
  "Đầu tư Xây dựng",
  "Công nghệ",
  "Xuất nhập khẩu",
  "Đầu tư và Phát triển",
  "Sản xuất và Thương mại",
  "Giải pháp Phần mềm",
  "Vận tải",
  "Thực phẩm",
  "Dược phẩm",
  "Kiến trúc và Nội thất",
  "Tư vấn Thiết kế",
  "Giáo dục",
  "Du lịch và Lữ hành",
  "Bất động sản",
];
const COMPANY_BRANDS = [
  "Hoàng Long",
  "Minh Phát",
  "An Phú",
  "Thành Đạt",
  "Việt Hưng",
  "Sông Hồng",
  "Tân Tiến",
  "Phú Gia",
  "Nam Việt",
  "Hưng Thịnh",
  "Bảo An",
  "Kim Sơn",
  "Đại Phát",
  "Hòa Bình",
  "Trường Thành",
  "Tiến Phát",
  "Phúc Lộc",
  "Ánh Dương",
  "Sao Việt",
  "Toàn Cầu",
  "Đông Á",
  "Thái Bình Dương",
  "Hồng Hà",
  "Lạc Việt",
  "Minh Anh",
  "Gia Bảo",
  "Thiên Phú",
  "Quang Vinh",
  "Hải Đăng",
  "Vạn Xuân",
];

export function personName(random: Random): string {
  const surname = random.weighted(SURNAMES, ([, weight]) => weight)[0];
  const male = random.chance(0.5);
  const given = random.pick(male ? MALE_GIVEN : FEMALE_GIVEN);
  let middle = random.pick(male ? MALE_MIDDLE : FEMALE_MIDDLE);
  while (middle === given) middle = random.pick(male ? MALE_MIDDLE : FEMALE_MIDDLE);
  // Some women's names carry "Thị" before another middle name ("Nguyễn Thị Thu Hà").
  if (!male && middle !== "Thị" && random.chance(0.2)) return `${surname} Thị ${middle} ${given}`;
  return `${surname} ${middle} ${given}`;
}

const AGENCY_KINDS = [
  "Tòa án nhân dân khu vực",
  "Viện kiểm sát nhân dân khu vực",
  "Cơ quan Cảnh sát điều tra Công an khu vực",
  "Phòng Thi hành án dân sự khu vực",
];

/** A requesting state agency (for procedures filed by one, e.g. a judicial record for a court). */
export function agencyName(random: Random): string {
  return `${random.pick(AGENCY_KINDS)} ${random.int(1, 12)}`;
}

export function companyName(random: Random): string {
  const form = random.weighted(COMPANY_FORMS, ([, weight]) => weight)[0];
  if (form === "Hợp tác xã")
    return `${form} ${random.pick(["Nông nghiệp", "Dịch vụ", "Thủ công mỹ nghệ"])} ${random.pick(COMPANY_BRANDS)}`;
  return `${form} ${random.pick(COMPANY_TRADES)} ${random.pick(COMPANY_BRANDS)}`;
}
