// Administrative procedures (thủ tục hành chính) the sample dossiers are drawn from: real
// procedure names of the national catalogue, grouped by field (lĩnh vực). Processing times
// are the usual statutory ones in working days, simplified. The units file says which fields
// a city-level agency handles; communes and wards all handle the COMMUNE_FIELDS.

/** Who files: a citizen, a company, either, or a state agency. */
export type Applicant = "PERSON" | "COMPANY" | "EITHER" | "AGENCY";

export interface Procedure {
  name: string;
  /** Processing time in working days. */
  days: number;
  applicant: Applicant;
  /** Relative frequency within its field. */
  weight: number;
}

export interface Field {
  /** Lĩnh vực as the portal writes it. */
  label: string;
  /** Relative frequency among a unit's fields. */
  weight: number;
  procedures: readonly Procedure[];
}

const p = (name: string, days: number, applicant: Applicant, weight = 1): Procedure => ({
  name,
  days,
  applicant,
  weight,
});

export const FIELDS = {
  LY_LICH_TU_PHAP: {
    label: "Lý lịch tư pháp",
    weight: 30,
    procedures: [
      p(
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
        10,
        "PERSON",
        8,
      ),
      p(
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam (trường hợp ủy quyền)",
        10,
        "PERSON",
        2,
      ),
      p("Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng", 10, "AGENCY", 1),
      p(
        "Cấp Phiếu lý lịch tư pháp cho cơ quan nhà nước, tổ chức chính trị, tổ chức chính trị - xã hội",
        10,
        "AGENCY",
        1,
      ),
    ],
  },
  QUOC_TICH: {
    label: "Quốc tịch",
    weight: 2,
    procedures: [
      p("Thủ tục xác nhận có quốc tịch Việt Nam", 10, "PERSON"),
      p("Thủ tục nhập quốc tịch Việt Nam", 20, "PERSON"),
      p("Thủ tục xin thôi quốc tịch Việt Nam ở trong nước", 20, "PERSON"),
    ],
  },
  LUAT_SU: {
    label: "Luật sư",
    weight: 1,
    procedures: [
      p("Đăng ký hoạt động của tổ chức hành nghề luật sư", 10, "COMPANY"),
      p("Thay đổi nội dung đăng ký hoạt động của tổ chức hành nghề luật sư", 10, "COMPANY"),
    ],
  },
  CONG_CHUNG: {
    label: "Công chứng",
    weight: 1,
    procedures: [
      p("Bổ nhiệm công chứng viên", 20, "PERSON"),
      p("Đăng ký hoạt động Văn phòng công chứng", 10, "COMPANY"),
    ],
  },
  GIAM_DINH: {
    label: "Giám định tư pháp",
    weight: 1,
    procedures: [p("Bổ nhiệm giám định viên tư pháp", 20, "PERSON")],
  },
  DOANH_NGHIEP: {
    label: "Thành lập và hoạt động doanh nghiệp",
    weight: 6,
    procedures: [
      p("Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên", 3, "COMPANY", 3),
      p("Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên", 3, "COMPANY", 2),
      p("Đăng ký thành lập công ty cổ phần", 3, "COMPANY", 2),
      p("Đăng ký thay đổi nội dung đăng ký doanh nghiệp", 3, "COMPANY", 3),
      p("Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo", 3, "COMPANY"),
    ],
  },
  DAU_TU: {
    label: "Đầu tư tại Việt Nam",
    weight: 2,
    procedures: [
      p(
        "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư",
        15,
        "COMPANY",
      ),
      p("Điều chỉnh Giấy chứng nhận đăng ký đầu tư", 10, "COMPANY"),
    ],
  },
  XAY_DUNG_SO: {
    label: "Hoạt động xây dựng",
    weight: 4,
    procedures: [
      p("Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II", 20, "COMPANY", 2),
      p("Thẩm định Báo cáo nghiên cứu khả thi đầu tư xây dựng", 25, "COMPANY", 2),
      p("Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III", 20, "PERSON", 2),
    ],
  },
  GIAO_THONG: {
    label: "Đường bộ",
    weight: 3,
    procedures: [
      p("Cấp Giấy phép kinh doanh vận tải bằng xe ô tô", 5, "COMPANY", 2),
      p("Cấp phù hiệu xe ô tô kinh doanh vận tải", 2, "COMPANY", 2),
      p("Cấp giấy phép thi công công trình trên đường bộ đang khai thác", 7, "COMPANY"),
    ],
  },
  NHA_O: {
    label: "Nhà ở",
    weight: 1,
    procedures: [p("Công nhận chủ đầu tư dự án xây dựng nhà ở", 20, "COMPANY")],
  },
  DAT_DAI_SO: {
    label: "Đất đai",
    weight: 8,
    procedures: [
      p(
        "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho, thừa kế",
        10,
        "EITHER",
        4,
      ),
      p(
        "Cấp đổi, cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        7,
        "EITHER",
        2,
      ),
      p("Đăng ký đất đai, tài sản gắn liền với đất lần đầu đối với tổ chức", 20, "COMPANY", 1),
      p("Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", 3, "EITHER", 2),
    ],
  },
  MOI_TRUONG: {
    label: "Môi trường",
    weight: 2,
    procedures: [
      p("Cấp giấy phép môi trường", 30, "COMPANY"),
      p("Thẩm định báo cáo đánh giá tác động môi trường", 30, "COMPANY"),
    ],
  },
  NONG_NGHIEP: {
    label: "Thú y, chăn nuôi và trồng trọt",
    weight: 2,
    procedures: [
      p("Cấp Giấy chứng nhận cơ sở đủ điều kiện chăn nuôi", 5, "EITHER"),
      p("Cấp giấy chứng nhận kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn", 3, "EITHER"),
      p("Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật", 15, "EITHER"),
    ],
  },
  TAI_NGUYEN_NUOC: {
    label: "Tài nguyên nước",
    weight: 1,
    procedures: [p("Cấp giấy phép khai thác, sử dụng nước dưới đất", 30, "COMPANY")],
  },
  KHAM_CHUA_BENH: {
    label: "Khám bệnh, chữa bệnh",
    weight: 3,
    procedures: [
      p("Cấp giấy phép hành nghề khám bệnh, chữa bệnh", 15, "PERSON", 3),
      p("Cấp giấy phép hoạt động đối với phòng khám chuyên khoa", 20, "COMPANY"),
    ],
  },
  DUOC: {
    label: "Dược phẩm",
    weight: 2,
    procedures: [
      p("Cấp Chứng chỉ hành nghề dược", 10, "PERSON", 2),
      p("Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược", 20, "COMPANY"),
    ],
  },
  AN_TOAN_THUC_PHAM: {
    label: "An toàn thực phẩm",
    weight: 3,
    procedures: [
      p("Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", 20, "EITHER", 3),
      p("Đăng ký bản công bố sản phẩm", 7, "COMPANY", 2),
    ],
  },
  GIAO_DUC: {
    label: "Giáo dục và Đào tạo",
    weight: 2,
    procedures: [
      p("Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", 2, "PERSON", 3),
      p("Chỉnh sửa nội dung văn bằng, chứng chỉ", 5, "PERSON"),
      p("Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục", 15, "COMPANY"),
    ],
  },
  LAO_DONG: {
    label: "Việc làm",
    weight: 3,
    procedures: [
      p("Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", 10, "COMPANY", 3),
      p("Gia hạn giấy phép lao động cho người lao động nước ngoài", 10, "COMPANY", 2),
      p("Giải quyết hưởng trợ cấp thất nghiệp", 20, "PERSON", 2),
    ],
  },
  NGUOI_CO_CONG: {
    label: "Người có công",
    weight: 1,
    procedures: [p("Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", 12, "PERSON")],
  },
  TO_CHUC_HOI: {
    label: "Tổ chức phi chính phủ",
    weight: 1,
    procedures: [p("Phê duyệt điều lệ hội", 30, "COMPANY")],
  },
  CONG_THUONG: {
    label: "Lưu thông hàng hóa trong nước",
    weight: 2,
    procedures: [
      p("Cấp Giấy phép bán buôn sản phẩm rượu", 10, "COMPANY"),
      p("Cấp Giấy phép bán lẻ sản phẩm thuốc lá", 10, "COMPANY"),
      p("Cấp Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ xăng dầu", 15, "COMPANY"),
    ],
  },
  KHCN: {
    label: "Hoạt động khoa học và công nghệ",
    weight: 1,
    procedures: [p("Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ", 15, "COMPANY")],
  },
  BAO_CHI: {
    label: "Báo chí, xuất bản",
    weight: 1,
    procedures: [
      p("Cấp giấy phép xuất bản bản tin", 15, "COMPANY"),
      p("Cấp giấy phép xuất bản tài liệu không kinh doanh", 10, "COMPANY"),
    ],
  },
  VAN_HOA: {
    label: "Văn hóa cơ sở",
    weight: 1,
    procedures: [
      p("Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", 5, "EITHER"),
      p("Tiếp nhận hồ sơ thông báo tổ chức biểu diễn nghệ thuật", 5, "COMPANY"),
    ],
  },
  DU_LICH: {
    label: "Du lịch",
    weight: 1,
    procedures: [
      p("Cấp thẻ hướng dẫn viên du lịch quốc tế", 10, "PERSON", 2),
      p("Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa", 10, "COMPANY"),
    ],
  },
  TON_GIAO: {
    label: "Tôn giáo",
    weight: 1,
    procedures: [p("Đăng ký sinh hoạt tôn giáo tập trung", 20, "PERSON")],
  },
  QUY_HOACH: {
    label: "Quy hoạch xây dựng, kiến trúc",
    weight: 1,
    procedures: [
      p("Cung cấp thông tin về quy hoạch", 10, "EITHER", 2),
      p("Thẩm định nhiệm vụ quy hoạch chi tiết", 20, "COMPANY"),
    ],
  },
  NGOAI_VU: {
    label: "Ngoại vụ",
    weight: 1,
    procedures: [p("Cho phép tổ chức hội nghị, hội thảo quốc tế", 15, "COMPANY")],
  },
  KHIEU_NAI: {
    label: "Giải quyết khiếu nại",
    weight: 1,
    procedures: [p("Thủ tục giải quyết khiếu nại lần đầu", 30, "EITHER")],
  },
  VAN_PHONG: {
    label: "Quản lý xuất nhập cảnh",
    weight: 1,
    procedures: [p("Cho phép sử dụng thẻ đi lại của doanh nhân APEC (ABTC)", 15, "PERSON")],
  },
  CONG_AN: {
    label: "Đăng ký, quản lý phương tiện giao thông",
    weight: 2,
    procedures: [
      p("Cấp giấy chứng nhận đủ điều kiện về an ninh, trật tự", 5, "EITHER", 2),
      p("Cấp hộ chiếu phổ thông ở trong nước", 8, "PERSON", 2),
      p("Đăng ký, cấp biển số xe lần đầu", 2, "EITHER", 2),
    ],
  },
  THUE: {
    label: "Thuế",
    weight: 1,
    procedures: [p("Hoàn thuế giá trị gia tăng", 6, "COMPANY"), p("Đăng ký thuế lần đầu", 3, "EITHER")],
  },
  BHXH: {
    label: "Bảo hiểm xã hội",
    weight: 1,
    procedures: [
      p("Giải quyết hưởng chế độ hưu trí", 10, "PERSON"),
      p("Giải quyết hưởng trợ cấp một lần", 5, "PERSON"),
    ],
  },
  KHO_BAC: {
    label: "Kho bạc Nhà nước",
    weight: 1,
    procedures: [p("Đăng ký, thay đổi mẫu dấu, mẫu chữ ký", 2, "COMPANY")],
  },
  HAI_QUAN: {
    label: "Hải quan",
    weight: 1,
    procedures: [p("Xác định trước mã số hàng hóa xuất khẩu, nhập khẩu", 30, "COMPANY")],
  },
  NGAN_HANG: {
    label: "Hoạt động ngoại hối",
    weight: 1,
    procedures: [p("Đăng ký khoản vay nước ngoài", 12, "COMPANY")],
  },
  DIEN: {
    label: "Điện",
    weight: 1,
    procedures: [
      p("Cấp điện mới từ lưới điện hạ áp", 4, "EITHER", 3),
      p("Cấp điện mới từ lưới điện trung áp", 7, "COMPANY"),
    ],
  },
  // Communes and wards (since 07/2025 they also do what districts did).
  HO_TICH: {
    label: "Hộ tịch",
    weight: 10,
    procedures: [
      p("Đăng ký khai sinh", 1, "PERSON", 3),
      p("Đăng ký kết hôn", 1, "PERSON", 2),
      p("Đăng ký khai tử", 1, "PERSON"),
      p("Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", 3, "PERSON", 2),
      p("Cấp Giấy xác nhận tình trạng hôn nhân", 3, "PERSON", 3),
      p("Đăng ký khai sinh có yếu tố nước ngoài", 15, "PERSON"),
      p("Đăng ký lại khai sinh", 5, "PERSON"),
    ],
  },
  CHUNG_THUC: {
    label: "Chứng thực",
    weight: 5,
    procedures: [
      p(
        "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở",
        2,
        "PERSON",
        3,
      ),
      p("Chứng thực văn bản thỏa thuận phân chia di sản", 3, "PERSON"),
      p("Chứng thực chữ ký trong các giấy tờ, văn bản", 1, "PERSON", 2),
    ],
  },
  DAT_DAI_XA: {
    label: "Đất đai",
    weight: 7,
    procedures: [
      p(
        "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu",
        20,
        "PERSON",
        3,
      ),
      p("Chuyển mục đích sử dụng đất", 15, "PERSON", 2),
      p("Hòa giải tranh chấp đất đai", 30, "PERSON"),
      p("Giao đất, cho thuê đất cho hộ gia đình, cá nhân", 20, "PERSON"),
    ],
  },
  XAY_DUNG_XA: {
    label: "Hoạt động xây dựng",
    weight: 4,
    procedures: [
      p("Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", 15, "PERSON", 3),
      p("Cấp giấy phép sửa chữa, cải tạo đối với nhà ở riêng lẻ", 15, "PERSON"),
      p("Điều chỉnh giấy phép xây dựng đối với nhà ở riêng lẻ", 10, "PERSON"),
    ],
  },
  HO_KINH_DOANH: {
    label: "Thành lập và hoạt động của hộ kinh doanh",
    weight: 4,
    procedures: [
      p("Đăng ký thành lập hộ kinh doanh", 3, "PERSON", 3),
      p("Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", 3, "PERSON", 2),
      p("Chấm dứt hoạt động hộ kinh doanh", 3, "PERSON"),
    ],
  },
  BAO_TRO_XA_HOI: {
    label: "Bảo trợ xã hội",
    weight: 2,
    procedures: [
      p("Trợ giúp xã hội thường xuyên tại cộng đồng", 15, "PERSON", 2),
      p("Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật", 25, "PERSON"),
    ],
  },
  GIAO_DUC_XA: {
    label: "Giáo dục và Đào tạo",
    weight: 1,
    procedures: [p("Chuyển trường đối với học sinh trung học cơ sở", 3, "PERSON")],
  },
  ATTP_XA: {
    label: "An toàn thực phẩm",
    weight: 1,
    procedures: [p("Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", 20, "EITHER")],
  },
} satisfies Record<string, Field>;

export type FieldId = keyof typeof FIELDS;

export const FIELD_IDS = Object.keys(FIELDS) as FieldId[];

export const COMMUNE_FIELDS: readonly FieldId[] = [
  "HO_TICH",
  "CHUNG_THUC",
  "DAT_DAI_XA",
  "XAY_DUNG_XA",
  "HO_KINH_DOANH",
  "BAO_TRO_XA_HOI",
  "GIAO_DUC_XA",
  "ATTP_XA",
];

/** For a city-level unit whose entry names no field. */
export const DEFAULT_AGENCY_FIELDS: readonly FieldId[] = ["DOANH_NGHIEP", "DAT_DAI_SO", "XAY_DUNG_SO"];

export function isFieldId(value: string): value is FieldId {
  return Object.hasOwn(FIELDS, value);
}
