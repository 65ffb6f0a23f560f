// Realistic names from many cultures for the screening benchmarks: ordinary given names and family
// names as people write them in Latin script (and a share in Han and Cyrillic), and company names
// built the way trading and chemical companies name themselves. All generated from a seeded source.
const CULTURES = {
  english: {
    given: ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Emily', 'Daniel', 'Megan', 'Andrew', 'Laura'],
    family: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright'],
  },
  spanish: {
    given: ['José', 'María', 'Juan', 'Guadalupe', 'Luis', 'Rosa', 'Carlos', 'Ana', 'Jorge', 'Verónica', 'Miguel', 'Claudia', 'Alejandro', 'Patricia', 'Fernando', 'Leticia', 'Ricardo', 'Adriana', 'Roberto', 'Gabriela', 'Eduardo', 'Alicia', 'Raúl', 'Mónica', 'Arturo'],
    family: ['Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez', 'Cruz', 'Flores', 'Gómez', 'Morales', 'Vázquez', 'Reyes', 'Jiménez', 'Torres', 'Díaz', 'Gutiérrez', 'Ruiz', 'Mendoza', 'Aguilar', 'Ortiz', 'Moreno', 'Castillo'],
    double: true,
  },
  chinese: {
    given: ['Wei', 'Fang', 'Xiuying', 'Na', 'Min', 'Jing', 'Li', 'Qiang', 'Lei', 'Jun', 'Yang', 'Yong', 'Yan', 'Jie', 'Tao', 'Ming', 'Chao', 'Xiaoming', 'Hui', 'Lan', 'Haoran', 'Yuting', 'Zihan', 'Jiahao', 'Xinyi'],
    family: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'He', 'Gao', 'Lin', 'Luo', 'Zheng', 'Liang', 'Xie', 'Song', 'Tang'],
    familyFirst: true,
  },
  han: {
    given: ['伟', '芳', '秀英', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '小明', '辉', '兰', '浩然', '雨婷', '子涵', '佳豪', '欣怡', '建国'],
    family: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐'],
    familyFirst: true,
    noSpace: true,
  },
  arabic: {
    given: ['Omar', 'Fatima', 'Youssef', 'Aisha', 'Khaled', 'Mariam', 'Tariq', 'Layla', 'Hamza', 'Noura', 'Karim', 'Samira', 'Rami', 'Huda', 'Bilal', 'Rania', 'Faisal', 'Dalia', 'Nabil', 'Salma', 'Ziad', 'Amira', 'Walid', 'Hiba', 'Majed'],
    family: ['Haddad', 'Khoury', 'Nasser', 'Saleh', 'Mansour', 'Farah', 'Aziz', 'Hamdan', 'Qasim', 'Jaber', 'Sabbagh', 'Barakat', 'Darwish', 'Ghanem', 'Hijazi', 'Issa', 'Karam', 'Makdisi', 'Najjar', 'Rahal', 'Sayegh', 'Tamimi', 'Yassin', 'Zoubi', 'Awad'],
  },
  russian: {
    given: ['Ivan', 'Olga', 'Dmitry', 'Natalia', 'Sergei', 'Elena', 'Andrei', 'Tatiana', 'Pavel', 'Irina', 'Mikhail', 'Svetlana', 'Nikolai', 'Anna', 'Alexei', 'Yulia', 'Maxim', 'Ekaterina', 'Artem', 'Daria', 'Kirill', 'Polina', 'Roman', 'Ksenia', 'Egor'],
    family: ['Smirnov', 'Kuznetsova', 'Popov', 'Vasilieva', 'Sokolov', 'Mikhailova', 'Novikov', 'Fedorova', 'Morozov', 'Volkova', 'Alekseev', 'Lebedeva', 'Semenov', 'Egorova', 'Pavlov', 'Kozlova', 'Stepanov', 'Nikolaeva', 'Orlov', 'Andreeva', 'Makarov', 'Zakharova', 'Zaitsev', 'Soloveva', 'Borisov'],
  },
  cyrillic: {
    given: ['Иван', 'Ольга', 'Дмитрий', 'Наталья', 'Сергей', 'Елена', 'Андрей', 'Татьяна', 'Павел', 'Ирина'],
    family: ['Смирнов', 'Кузнецова', 'Попов', 'Васильева', 'Соколов', 'Михайлова', 'Новиков', 'Федорова', 'Морозов', 'Волкова'],
  },
  indian: {
    given: ['Aarav', 'Priya', 'Vivaan', 'Ananya', 'Aditya', 'Diya', 'Arjun', 'Isha', 'Rohan', 'Kavya', 'Rahul', 'Sneha', 'Vikram', 'Pooja', 'Sanjay', 'Neha', 'Amit', 'Deepika', 'Rajesh', 'Lakshmi', 'Suresh', 'Meera', 'Karthik', 'Divya', 'Nikhil'],
    family: ['Sharma', 'Verma', 'Gupta', 'Patel', 'Reddy', 'Nair', 'Iyer', 'Menon', 'Rao', 'Joshi', 'Kulkarni', 'Desai', 'Mehta', 'Chopra', 'Kapoor', 'Malhotra', 'Bhatt', 'Agarwal', 'Banerjee', 'Chatterjee', 'Das', 'Pillai', 'Saxena', 'Trivedi', 'Pandey'],
  },
  vietnamese: {
    given: ['Anh', 'Linh', 'Minh', 'Trang', 'Huy', 'Thao', 'Duc', 'Hoa', 'Tuan', 'Lan', 'Nam', 'Mai', 'Long', 'Ngoc', 'Quang', 'Phuong', 'Hieu', 'Thu', 'Khanh', 'Vy'],
    family: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Phan', 'Vu', 'Dang', 'Bui', 'Do', 'Ho', 'Ngo', 'Duong', 'Ly'],
    familyFirst: true,
    middle: ['Van', 'Thi', 'Duc', 'Minh', 'Ngoc'],
  },
  korean: {
    given: ['Min-jun', 'Seo-yeon', 'Ji-hoon', 'Ha-eun', 'Do-yoon', 'Ji-woo', 'Hyun-woo', 'Soo-ah', 'Jae-won', 'Yu-na', 'Sung-min', 'Eun-ji'],
    family: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim', 'Han', 'Oh', 'Seo', 'Shin'],
    familyFirst: true,
  },
  japanese: {
    given: ['Haruto', 'Yui', 'Sota', 'Aoi', 'Yuto', 'Hina', 'Riku', 'Sakura', 'Kaito', 'Mio', 'Takeshi', 'Yuki', 'Kenji', 'Naoko', 'Hiroshi', 'Akiko'],
    family: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato', 'Yoshida', 'Yamada', 'Sasaki', 'Yamaguchi', 'Matsumoto'],
  },
  german: {
    given: ['Lukas', 'Anna', 'Leon', 'Lea', 'Finn', 'Hannah', 'Jonas', 'Lena', 'Paul', 'Marie', 'Felix', 'Sophie', 'Maximilian', 'Katharina', 'Tobias', 'Johanna'],
    family: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf'],
  },
  french: {
    given: ['Louis', 'Camille', 'Gabriel', 'Chloé', 'Hugo', 'Manon', 'Arthur', 'Léa', 'Jules', 'Inès', 'Nathan', 'Juliette', 'Théo', 'Margaux', 'Antoine', 'Élodie'],
    family: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'Fournier'],
  },
  nigerian: {
    given: ['Chinedu', 'Ngozi', 'Oluwaseun', 'Adaeze', 'Emeka', 'Funmilayo', 'Ikechukwu', 'Yetunde', 'Babatunde', 'Chiamaka', 'Tunde', 'Nkechi', 'Obinna', 'Folake'],
    family: ['Okafor', 'Adeyemi', 'Okonkwo', 'Balogun', 'Eze', 'Oyelaran', 'Nwosu', 'Adebayo', 'Obi', 'Afolabi', 'Chukwu', 'Ogunleye', 'Uche', 'Olawale'],
  },
  turkish: {
    given: ['Mehmet', 'Ayşe', 'Mustafa', 'Fatma', 'Emre', 'Zeynep', 'Burak', 'Elif', 'Can', 'Merve', 'Kerem', 'Selin', 'Oğuz', 'Derya'],
    family: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç', 'Aslan'],
  },
  persian: {
    given: ['Arash', 'Shirin', 'Dariush', 'Parisa', 'Kourosh', 'Nasrin', 'Babak', 'Leila', 'Farhad', 'Roya', 'Kamran', 'Mina', 'Behnam', 'Azadeh'],
    family: ['Ahmadi', 'Hosseini', 'Karimi', 'Moradi', 'Rahimi', 'Jafari', 'Sadeghi', 'Rostami', 'Kazemi', 'Heidari', 'Ebrahimi', 'Shirazi', 'Tehrani', 'Farahani'],
  },
};

export function innocentPeople(random, count) {
  const cultures = Object.values(CULTURES);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const out = [];
  for (let i = 0; i < count; i++) {
    const c = pick(cultures);
    const given = pick(c.given);
    let family = pick(c.family);
    if (c.double && random() < 0.5) family = `${family} ${pick(c.family)}`;
    const middle = c.middle && random() < 0.7 ? ` ${pick(c.middle)}` : '';
    if (c.noSpace) out.push(`${family}${given}`);
    else if (c.familyFirst && random() < 0.6) out.push(`${family}${middle} ${given}`);
    else out.push(`${given}${middle} ${family}`);
  }
  return out;
}

const SYLLABLES = ['hua', 'xin', 'tai', 'jin', 'long', 'sheng', 'feng', 'rui', 'kang', 'hong', 'da', 'yuan', 'bao', 'chang', 'de', 'fu', 'hai', 'heng', 'tian', 'wei', 'xiang', 'yu', 'zhong', 'an', 'mei', 'ming', 'qi', 'run', 'shun', 'tong'];
const PLACES = ['Zhejiang', 'Jiangsu', 'Shandong', 'Hubei', 'Shanghai', 'Shenzhen', 'Guangzhou', 'Hebei', 'Wuhan', 'Tianjin', 'Anhui', 'Henan'];
const TRADES = ['Chemical', 'Pharmaceutical', 'Biotechnology', 'Technology', 'Trading', 'Import & Export', 'New Material', 'Industrial', 'Logistics', 'Medical'];
const LEGAL = ['Co., Ltd.', 'Co., Ltd', 'Company Limited', 'Ltd.', 'Group Co., Ltd.', 'Inc.', 'LLC', 'S.A. de C.V.', 'GmbH', ''];
const WESTERN = ['North', 'Blue', 'River', 'Summit', 'Atlas', 'Pioneer', 'Harbor', 'Crest', 'Silver', 'Prime', 'Golden', 'Valley', 'Eagle', 'Cedar', 'Maple', 'Orion', 'Vertex', 'Beacon', 'Sierra', 'Delta'];
const WESTERN_TRADES = ['Distribution', 'Supplies', 'Foods', 'Imports', 'Electronics', 'Textiles', 'Farms', 'Motors', 'Partners', 'Consulting', 'Packaging', 'Plastics'];
const SPANISH = ['Distribuidora', 'Comercializadora', 'Importadora', 'Grupo', 'Servicios', 'Transportes', 'Abarrotes', 'Farmacia'];
const SPANISH_NAMES = ['del Norte', 'del Pacífico', 'Azteca', 'San Miguel', 'La Esperanza', 'El Sol', 'Santa Fe', 'Los Altos', 'Monterrey', 'Del Valle'];

/** Company names: Chinese trading and chemical firms, Western small businesses, Mexican companies. */
export function innocentCompanies(random, count) {
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const brand = () => {
    const a = pick(SYLLABLES);
    const b = pick(SYLLABLES);
    return `${a[0].toUpperCase()}${a.slice(1)}${b}`;
  };
  const out = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    if (r < 0.5) out.push(`${random() < 0.7 ? `${pick(PLACES)} ` : ''}${brand()} ${pick(TRADES)} ${pick(LEGAL)}`.trim());
    else if (r < 0.8) out.push(`${pick(WESTERN)} ${pick(WESTERN)} ${pick(WESTERN_TRADES)} ${pick(['Inc.', 'LLC', 'Ltd', 'Corp.', ''])}`.trim());
    else out.push(`${pick(SPANISH)} ${pick(SPANISH_NAMES)} ${pick(['S.A. de C.V.', 'S. de R.L. de C.V.', 'SA de CV', ''])}`.trim());
  }
  return out;
}
