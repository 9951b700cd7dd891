/**
 * The courts of Zhejiang. Case numbers, seed data and agency routing all key on the
 * court code, so the table is the single source for which codes exist.
 *
 * 103 courts: 1 high + 11 intermediate + 1 maritime + 90 basic (one per county-level
 * division as of 2021). The domain's "106" also counts specialised basic-level courts
 * (e.g. the Hangzhou Internet Court); they are left out until a case needs them.
 */
export type CourtLevel = 'HIGH' | 'INTERMEDIATE' | 'MARITIME' | 'BASIC';

export interface City {
  /** Two digits, as in the intermediate court code 浙01. */
  readonly code: string;
  readonly name: string;
  readonly nameZh: string;
  readonly plateLetter: string;
  /** The domain's coastal cities for seeding vessels (Ningbo, Zhoushan, Taizhou), not a geography fact. */
  readonly coastal: boolean;
}

export interface Court {
  readonly code: string;
  readonly name: string;
  readonly level: CourtLevel;
  /** Null for the provincial courts, whose jurisdiction is not one city. */
  readonly cityCode: string | null;
  /** 6 digits for basic, high and maritime courts; the 4-digit city prefix for intermediates. */
  readonly divisionCode: string;
  /** The county-level division a basic court serves (e.g. 上城区); the city or province otherwise. */
  readonly divisionName: string;
  /** For provincial courts, the city of the seat. */
  readonly cityName: string;
  readonly cityNameZh: string;
  readonly plateLetter: string;
  readonly coastal: boolean;
}

/** Last two digits of each division code with its name; the city prefix comes from the row. */
const CITY_ROWS: readonly (readonly [City, string])[] = [
  [
    { code: '01', name: 'Hangzhou', nameZh: '杭州市', plateLetter: 'A', coastal: false },
    '02上城区 05拱墅区 06西湖区 08滨江区 09萧山区 10余杭区 11富阳区 12临安区 13临平区 14钱塘区 22桐庐县 27淳安县 82建德市',
  ],
  [
    { code: '02', name: 'Ningbo', nameZh: '宁波市', plateLetter: 'B', coastal: true },
    '03海曙区 05江北区 06北仑区 11镇海区 12鄞州区 13奉化区 25象山县 26宁海县 81余姚市 82慈溪市',
  ],
  [
    { code: '03', name: 'Wenzhou', nameZh: '温州市', plateLetter: 'C', coastal: false },
    '02鹿城区 03龙湾区 04瓯海区 05洞头区 24永嘉县 26平阳县 27苍南县 28文成县 29泰顺县 81瑞安市 82乐清市 83龙港市',
  ],
  [
    { code: '04', name: 'Jiaxing', nameZh: '嘉兴市', plateLetter: 'F', coastal: false },
    '02南湖区 11秀洲区 21嘉善县 24海盐县 81海宁市 82平湖市 83桐乡市',
  ],
  [{ code: '05', name: 'Huzhou', nameZh: '湖州市', plateLetter: 'E', coastal: false }, '02吴兴区 03南浔区 21德清县 22长兴县 23安吉县'],
  [
    { code: '06', name: 'Shaoxing', nameZh: '绍兴市', plateLetter: 'D', coastal: false },
    '02越城区 03柯桥区 04上虞区 24新昌县 81诸暨市 83嵊州市',
  ],
  [
    { code: '07', name: 'Jinhua', nameZh: '金华市', plateLetter: 'G', coastal: false },
    '02婺城区 03金东区 23武义县 26浦江县 27磐安县 81兰溪市 82义乌市 83东阳市 84永康市',
  ],
  [
    { code: '08', name: 'Quzhou', nameZh: '衢州市', plateLetter: 'H', coastal: false },
    '02柯城区 03衢江区 22常山县 24开化县 25龙游县 81江山市',
  ],
  [{ code: '09', name: 'Zhoushan', nameZh: '舟山市', plateLetter: 'L', coastal: true }, '02定海区 03普陀区 21岱山县 22嵊泗县'],
  [
    { code: '10', name: 'Taizhou', nameZh: '台州市', plateLetter: 'J', coastal: true },
    '02椒江区 03黄岩区 04路桥区 22三门县 23天台县 24仙居县 81温岭市 82临海市 83玉环市',
  ],
  [
    { code: '11', name: 'Lishui', nameZh: '丽水市', plateLetter: 'K', coastal: false },
    '02莲都区 21青田县 22缙云县 23遂昌县 24松阳县 25云和县 26庆元县 27景宁畲族自治县 81龙泉市',
  ],
];

export const CITIES: readonly City[] = CITY_ROWS.map(([city]) => city);

function inCity(city: City): Pick<Court, 'cityCode' | 'cityName' | 'cityNameZh' | 'plateLetter' | 'coastal'> {
  return { cityCode: city.code, cityName: city.name, cityNameZh: city.nameZh, plateLetter: city.plateLetter, coastal: city.coastal };
}

function basicCourts(city: City, divisions: string): Court[] {
  return divisions.split(' ').map((entry) => {
    const divisionCode = `33${city.code}${entry.slice(0, 2)}`;
    const divisionName = entry.slice(2);
    // District courts carry the city's name; county and county-level-city courts do not.
    const name = divisionName.endsWith('区') ? `${city.nameZh}${divisionName}人民法院` : `${divisionName}人民法院`;
    return { code: `浙${divisionCode.slice(2)}`, name, level: 'BASIC', divisionCode, divisionName, ...inCity(city) };
  });
}

const HANGZHOU = CITIES[0];
const NINGBO = CITIES[1];

const HIGH_COURT: Court = {
  code: '浙',
  name: '浙江省高级人民法院',
  level: 'HIGH',
  divisionCode: '330000',
  divisionName: '浙江省',
  ...inCity(HANGZHOU),
  cityCode: null,
  coastal: false,
};

const MARITIME_COURT: Court = {
  code: '浙72',
  name: '宁波海事法院',
  level: 'MARITIME',
  divisionCode: '330200',
  divisionName: '宁波市',
  ...inCity(NINGBO),
  cityCode: null,
};

const INTERMEDIATE_COURTS: readonly Court[] = CITIES.map((city) => ({
  code: `浙${city.code}`,
  name: `${city.nameZh}中级人民法院`,
  level: 'INTERMEDIATE',
  divisionCode: `33${city.code}`,
  divisionName: city.nameZh,
  ...inCity(city),
}));

export const BASIC_COURTS: readonly Court[] = CITY_ROWS.flatMap(([city, divisions]) => basicCourts(city, divisions));

export const COURTS: readonly Court[] = [HIGH_COURT, ...INTERMEDIATE_COURTS, MARITIME_COURT, ...BASIC_COURTS];

const BY_CODE = new Map(COURTS.map((court) => [court.code, court]));
const BY_DIVISION = new Map(BASIC_COURTS.map((court) => [court.divisionCode, court]));

export function courtByCode(code: string): Court | undefined {
  return BY_CODE.get(code);
}

/** The basic court serving a 6-digit county-level division code. */
export function courtByDivisionCode(divisionCode: string): Court | undefined {
  return BY_DIVISION.get(divisionCode);
}

export function cityByCode(code: string): City | undefined {
  return CITIES.find((city) => city.code === code);
}
