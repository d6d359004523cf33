#!/usr/bin/env python3
"""Generate ontology/lexicon/places.tsv, the place-name lexicon of diplograph.

Run from the repository root (the output path is relative to this script, so any
working directory works):

    pip install babel opencc-python-reimplemented
    python3 ontology/lexicon/scripts/places.py

Rows: the capital of every country and territory in countries.tsv that has one and
whose Chinese name is settled (for countries with several capitals, the official
capital and the seat of government), and cities that commonly host diplomatic
meetings, summits and forums: China's host cities, G20, BRICS, APEC and SCO summit
cities since 2008, COP venues, and the usual conference cities.

Sources:
  * the table PLACES below, hand-curated (2026-11-26): standard simplified Chinese
    names as used by Xinhua and the Chinese foreign ministry, English names and their
    common variants, ISO 3166-1 alpha-2 codes;
  * CLDR time-zone exemplar cities (locales zh, zh_Hant, zh_Hant_HK, en) through the
    Python package `babel`: a row that names a time zone is cross-checked against the
    zh exemplar city (a difference must be explained in CLDR_ZH_DIFFERS), and the
    zh_Hant and zh_Hant_HK exemplar cities are added as Chinese aliases;
  * OpenCC (`opencc-python-reimplemented`, configurations s2t, s2tw, s2hk) for the
    traditional-character variants of every simplified form.

Generated aliases that are wrong or ambiguous are removed in the table with `-FORM`.
The output is deterministic for given babel and OpenCC versions. The script prints a
one-line summary; on inconsistent data (an id or a form used twice, a form equal to a
country name or alias in countries.tsv or to a form of another lexicon, an unknown
country code, a CLDR mismatch that is not explained, ...) it prints the problems to
stderr and exits with status 1 without writing the output.
"""

import os
import re
import sys
import unicodedata
from importlib.metadata import version

import babel
from babel import Locale
from babel.core import get_cldr_version
import opencc

HERE = os.path.dirname(os.path.abspath(__file__))
LEXICON = os.path.dirname(HERE)
OUT = os.path.join(LEXICON, "places.tsv")
COUNTRIES = os.path.join(LEXICON, "countries.tsv")
COMPILED = "2026-11-26"

COLUMNS = ["id", "name_zh", "aliases_zh", "name_en", "aliases_en", "country"]

# Other lexicons whose forms go into the same matchers: a place form must not be one of
# theirs (file -> columns holding Chinese forms, columns holding English forms).
OTHER_LEXICONS = {
    "organizations.tsv": (["name_zh", "aliases_zh"], ["name_en", "aliases_en", "abbr"]),
    "initiatives.tsv": (["name_zh", "aliases_zh"], ["name_en", "aliases_en"]),
    "people.tsv": (["name_zh", "aliases_zh"], ["name_en", "aliases_en"]),
    "positions.tsv": (["forms_zh"], ["forms_en"]),
    "event-types.tsv": (["name_zh", "triggers_zh"], ["name_en", "triggers_en"]),
}

# Countries and territories of countries.tsv without a capital row, and why.
NO_CAPITAL_ROW = {
    # city-states: the city's name is the country's name, the country row covers it
    "SG": "city-state", "MC": "city-state", "VA": "city-state", "SM": "city and country share 圣马力诺",
    "GI": "city and territory share 直布罗陀", "HK": "special administrative region, the row of HK covers it",
    "MO": "special administrative region, the row of MO covers it",
    "TW": "a region of China (countries.tsv types TW as a region): Taipei is a `city` row",
    # no capital
    "NR": "no official capital (government at Yaren District)", "AQ": "no capital", "BV": "uninhabited",
    "HM": "uninhabited", "TK": "no capital", "UM": "no capital", "IO": "no civilian capital",
    "TF": "no settled Chinese name of Port-aux-Français", "GS": "no settled Chinese name of King Edward Point",
    "EH": "disputed territory",
    # capital named like another row
    "VC": "Kingstown is 金斯敦 like Kingston (JM)", "KY": "George Town is 乔治敦 like Georgetown (GY)",
    "NF": "Kingston is 金斯敦 like Kingston (JM)", "BM": "Hamilton (汉密尔顿) is foremost a personal name",
    "FK": "Stanley: name disputed (Puerto Argentino), no settled Xinhua form",
    # capital whose Xinhua form is not known for sure
    "PW": "Ngerulmud: Chinese form not settled", "AI": "The Valley: Chinese form not settled",
    "AS": "Pago Pago: only the CLDR form 帕果帕果 is known", "AW": "Oranjestad: Chinese form not settled",
    "AX": "Mariehamn: only the CLDR form 玛丽港 is known", "BL": "Gustavia: Chinese form not settled",
    "BQ": "Kralendijk: Chinese form not settled", "CC": "West Island: Chinese form not settled",
    "CW": "Willemstad: Chinese form not settled", "CX": "Flying Fish Cove: Chinese form not settled",
    "FO": "Tórshavn: Chinese form not settled", "GF": "Cayenne: 卡宴 is foremost a car model",
    "GG": "St Peter Port: Chinese form not settled", "GP": "Basse-Terre: Chinese form not settled",
    "GU": "Hagåtña: Chinese form not settled", "IM": "Douglas: a personal name, Chinese form not settled",
    "JE": "St Helier: Chinese form not settled", "MF": "Marigot: Chinese form not settled",
    "MP": "Saipan (Capitol Hill): Chinese form of the capital not settled",
    "MQ": "Fort-de-France: Chinese form not settled", "MS": "Plymouth/Brades: Chinese form not settled",
    "PF": "Papeete: Chinese form not settled", "PM": "Saint-Pierre: Chinese form not settled",
    "PN": "Adamstown: Chinese form not settled", "RE": "Saint-Denis: Chinese form not settled",
    "SH": "Jamestown: Chinese form not settled", "SJ": "Longyearbyen: Chinese form not settled",
    "SX": "Philipsburg: Chinese form not settled", "TC": "Cockburn Town: Chinese form not settled",
    "VG": "Road Town: Chinese form not settled", "VI": "Charlotte Amalie: Chinese form not settled",
    "WF": "Mata-Utu: Chinese form not settled", "YT": "Mamoudzou: Chinese form not settled",
}

# CLDR time zone -> why name_zh differs from the zh exemplar city.
CLDR_ZH_DIFFERS = {
    "Indian/Antananarivo": "Xinhua and the MFA write 塔那那利佛; CLDR 安塔那那利佛 kept as an alias",
    "Asia/Vladivostok": "Xinhua writes 符拉迪沃斯托克; CLDR 海参崴 (the old name) kept as an alias",
    "Africa/Tunis": "the city is 突尼斯市; bare 突尼斯 is the country",
    "Africa/Mbabane": "Xinhua and the MFA write 姆巴巴内 (CLDR 姆巴巴纳)",
}

# The table. One row per line, fields separated by ';':
#   country ; role ; name_en ; aliases_en ; name_zh ; aliases_zh ; CLDR time zone
# role is `capital` (the official capital), `seat` (seat of government or second
# capital) or `city`. aliases_* are '|'-separated. Diacritic-free and straight/curly-
# apostrophe variants of the English forms are added by the script; `-FORM` in a
# cell removes a generated alias (OpenCC, CLDR or English variant). Rows in any order.
PLACES = """
AD ; capital ; Andorra la Vella ; ; 安道尔城 ; ;
AE ; capital ; Abu Dhabi ; ; 阿布扎比 ; 阿布達比 ;
AE ; city ; Dubai ; ; 迪拜 ; ; Asia/Dubai
AF ; capital ; Kabul ; ; 喀布尔 ; ; Asia/Kabul
AG ; capital ; Saint John's ; St. John's|St John's ; 圣约翰 ; ;
AL ; capital ; Tirana ; Tiranë ; 地拉那 ; ; Europe/Tirane
AM ; capital ; Yerevan ; Erevan ; 埃里温 ; ; Asia/Yerevan
AO ; capital ; Luanda ; ; 罗安达 ; -盧安達 ; Africa/Luanda
AR ; capital ; Buenos Aires ; ; 布宜诺斯艾利斯 ; ; America/Argentina/Buenos_Aires
AT ; capital ; Vienna ; Wien ; 维也纳 ; ; Europe/Vienna
AU ; capital ; Canberra ; ; 堪培拉 ; 坎培拉 ;
AU ; city ; Sydney ; ; 悉尼 ; -雪梨 ; Australia/Sydney
AU ; city ; Melbourne ; ; 墨尔本 ; ; Australia/Melbourne
AU ; city ; Brisbane ; ; 布里斯班 ; ; Australia/Brisbane
AU ; city ; Perth ; ; 珀斯 ; -伯斯 ; Australia/Perth
AZ ; capital ; Baku ; ; 巴库 ; ; Asia/Baku
BA ; capital ; Sarajevo ; ; 萨拉热窝 ; ; Europe/Sarajevo
BB ; capital ; Bridgetown ; ; 布里奇敦 ; ;
BD ; capital ; Dhaka ; Dacca ; 达卡 ; ; Asia/Dhaka
BE ; capital ; Brussels ; Bruxelles|Brussel ; 布鲁塞尔 ; ; Europe/Brussels
BF ; capital ; Ouagadougou ; ; 瓦加杜古 ; ; Africa/Ouagadougou
BG ; capital ; Sofia ; ; 索非亚 ; -索菲亞 ; Europe/Sofia
BH ; capital ; Manama ; ; 麦纳麦 ; ;
BI ; capital ; Gitega ; ; 基特加 ; ;
BI ; seat ; Bujumbura ; ; 布琼布拉 ; ; Africa/Bujumbura
BJ ; capital ; Porto-Novo ; Porto Novo ; 波多诺伏 ; ; Africa/Porto-Novo
BJ ; seat ; Cotonou ; ; 科托努 ; ;
BN ; capital ; Bandar Seri Begawan ; ; 斯里巴加湾市 ; ;
BO ; capital ; Sucre ; ; 苏克雷 ; ;
BO ; seat ; La Paz ; ; 拉巴斯 ; ; America/La_Paz
BR ; capital ; Brasília ; ; 巴西利亚 ; ;
BR ; city ; Rio de Janeiro ; Rio ; 里约热内卢 ; 里约 ;
BR ; city ; São Paulo ; ; 圣保罗 ; ; America/Sao_Paulo
BR ; city ; Belém ; ; 贝伦 ; ; America/Belem
BR ; city ; Fortaleza ; ; 福塔莱萨 ; ;
BS ; capital ; Nassau ; ; 拿骚 ; ; America/Nassau
BT ; capital ; Thimphu ; ; 廷布 ; ; Asia/Thimphu
BW ; capital ; Gaborone ; ; 哈博罗内 ; ; Africa/Gaborone
BY ; capital ; Minsk ; ; 明斯克 ; ; Europe/Minsk
BZ ; capital ; Belmopan ; ; 贝尔莫潘 ; ;
CA ; capital ; Ottawa ; ; 渥太华 ; ;
CA ; city ; Toronto ; ; 多伦多 ; ; America/Toronto
CA ; city ; Vancouver ; ; 温哥华 ; ; America/Vancouver
CA ; city ; Montreal ; Montréal ; 蒙特利尔 ; ;
CA ; city ; Kananaskis ; ; 卡纳纳斯基斯 ; ;
CD ; capital ; Kinshasa ; ; 金沙萨 ; ; Africa/Kinshasa
CF ; capital ; Bangui ; ; 班吉 ; -班基 ; Africa/Bangui
CG ; capital ; Brazzaville ; ; 布拉柴维尔 ; ; Africa/Brazzaville
CH ; capital ; Bern ; Berne ; 伯尔尼 ; ;
CH ; city ; Geneva ; Genève|Genf ; 日内瓦 ; ;
CH ; city ; Davos ; ; 达沃斯 ; ;
CH ; city ; Zurich ; Zürich ; 苏黎世 ; ; Europe/Zurich
CH ; city ; Lausanne ; ; 洛桑 ; ;
CI ; capital ; Yamoussoukro ; ; 亚穆苏克罗 ; ;
CI ; seat ; Abidjan ; ; 阿比让 ; -阿比贊 ; Africa/Abidjan
CK ; capital ; Avarua ; ; 阿瓦鲁阿 ; ;
CL ; capital ; Santiago ; Santiago de Chile ; 圣地亚哥 ; ; America/Santiago
CL ; city ; Valparaíso ; ; 瓦尔帕莱索 ; ;
CM ; capital ; Yaoundé ; ; 雅温得 ; ;
CM ; city ; Douala ; ; 杜阿拉 ; ; Africa/Douala
CN ; capital ; Beijing ; Peking ; 北京 ; ;
CN ; city ; Shanghai ; ; 上海 ; 申城 ; Asia/Shanghai
CN ; city ; Tianjin ; Tientsin ; 天津 ; ;
CN ; city ; Chongqing ; Chungking ; 重庆 ; ;
CN ; city ; Guangzhou ; Canton ; 广州 ; 羊城 ;
CN ; city ; Shenzhen ; ; 深圳 ; 鹏城 ;
CN ; city ; Hangzhou ; ; 杭州 ; ;
CN ; city ; Xiamen ; Amoy ; 厦门 ; 鹭岛 ;
CN ; city ; Qingdao ; Tsingtao ; 青岛 ; ;
CN ; city ; Xi'an ; Xian ; 西安 ; ;
CN ; city ; Chengdu ; ; 成都 ; 蓉城 ;
CN ; city ; Wuhan ; ; 武汉 ; ;
CN ; city ; Kunming ; ; 昆明 ; ;
CN ; city ; Nanning ; ; 南宁 ; ;
CN ; city ; Urumqi ; Ürümqi|Urumchi ; 乌鲁木齐 ; ; Asia/Urumqi
CN ; city ; Harbin ; ; 哈尔滨 ; ;
CN ; city ; Boao ; Bo'ao ; 博鳌 ; ;
CN ; city ; Sanya ; ; 三亚 ; ;
CN ; city ; Haikou ; ; 海口 ; ;
CN ; city ; Dalian ; ; 大连 ; ;
CN ; city ; Suzhou ; ; 苏州 ; ;
CN ; city ; Fuzhou ; ; 福州 ; ;
CN ; city ; Changsha ; ; 长沙 ; ;
CN ; city ; Nanjing ; Nanking ; 南京 ; ;
CN ; city ; Shenyang ; ; 沈阳 ; ;
CN ; city ; Changchun ; ; 长春 ; ;
CN ; city ; Jinan ; ; 济南 ; ;
CN ; city ; Zhengzhou ; ; 郑州 ; ;
CN ; city ; Hefei ; ; 合肥 ; ;
CN ; city ; Nanchang ; ; 南昌 ; ;
CN ; city ; Taiyuan ; ; 太原 ; ;
CN ; city ; Shijiazhuang ; ; 石家庄 ; ;
CN ; city ; Hohhot ; ; 呼和浩特 ; ;
CN ; city ; Lhasa ; ; 拉萨 ; ;
CN ; city ; Xining ; ; 西宁 ; ;
CN ; city ; Lanzhou ; ; 兰州 ; ;
CN ; city ; Yinchuan ; ; 银川 ; ;
CN ; city ; Guiyang ; ; 贵阳 ; ;
CN ; city ; Ningbo ; ; 宁波 ; ;
CN ; city ; Wuxi ; ; 无锡 ; ;
CN ; city ; Zhuhai ; ; 珠海 ; ;
CN ; city ; Quanzhou ; ; 泉州 ; ;
CN ; city ; Yiwu ; ; 义乌 ; ;
CN ; city ; Wuzhen ; ; 乌镇 ; ;
CN ; city ; Kashgar ; Kashi ; 喀什 ; ;
CN ; city ; Horgos ; Khorgos ; 霍尔果斯 ; ;
CN ; city ; Manzhouli ; ; 满洲里 ; ;
CN ; city ; Erenhot ; Erlian ; 二连浩特 ; ;
CN ; city ; Dunhuang ; ; 敦煌 ; ;
CN ; city ; Qufu ; ; 曲阜 ; ;
CN ; city ; Guilin ; ; 桂林 ; ;
CN ; city ; Yan'an ; Yanan ; 延安 ; ;
CO ; capital ; Bogotá ; ; 波哥大 ; ; America/Bogota
CR ; capital ; San José ; ; 圣何塞 ; ;
CU ; capital ; Havana ; La Habana ; 哈瓦那 ; ; America/Havana
CV ; capital ; Praia ; ; 普拉亚 ; ;
CY ; capital ; Nicosia ; ; 尼科西亚 ; ; Asia/Nicosia
CZ ; capital ; Prague ; Praha ; 布拉格 ; ; Europe/Prague
DE ; capital ; Berlin ; ; 柏林 ; ; Europe/Berlin
DE ; city ; Hamburg ; ; 汉堡 ; ;
DE ; city ; Munich ; München ; 慕尼黑 ; ;
DE ; city ; Bonn ; ; 波恩 ; ;
DE ; city ; Frankfurt ; Frankfurt am Main ; 法兰克福 ; ;
DE ; city ; Duisburg ; ; 杜伊斯堡 ; ;
DJ ; capital ; Djibouti City ; ; 吉布提市 ; ;
DK ; capital ; Copenhagen ; København ; 哥本哈根 ; ; Europe/Copenhagen
DM ; capital ; Roseau ; ; 罗索 ; ;
DO ; capital ; Santo Domingo ; ; 圣多明各 ; ; America/Santo_Domingo
DZ ; capital ; Algiers ; ; 阿尔及尔 ; ; Africa/Algiers
EC ; capital ; Quito ; ; 基多 ; ;
EC ; city ; Guayaquil ; ; 瓜亚基尔 ; ; America/Guayaquil
EE ; capital ; Tallinn ; ; 塔林 ; ; Europe/Tallinn
EG ; capital ; Cairo ; ; 开罗 ; ; Africa/Cairo
EG ; city ; Sharm el-Sheikh ; Sharm El-Sheikh|Sharm el Sheikh|Sharm El Sheikh ; 沙姆沙伊赫 ; ;
ER ; capital ; Asmara ; ; 阿斯马拉 ; ; Africa/Asmara
ES ; capital ; Madrid ; ; 马德里 ; ; Europe/Madrid
ES ; city ; Barcelona ; ; 巴塞罗那 ; ;
ES ; city ; Seville ; Sevilla ; 塞维利亚 ; ;
ET ; capital ; Addis Ababa ; ; 亚的斯亚贝巴 ; ; Africa/Addis_Ababa
FI ; capital ; Helsinki ; ; 赫尔辛基 ; ; Europe/Helsinki
FJ ; capital ; Suva ; ; 苏瓦 ; ;
FM ; capital ; Palikir ; ; 帕利基尔 ; ;
FR ; capital ; Paris ; ; 巴黎 ; ; Europe/Paris
FR ; city ; Nice ; ; 尼斯 ; ;
FR ; city ; Cannes ; ; 戛纳 ; ;
FR ; city ; Biarritz ; ; 比亚里茨 ; ;
FR ; city ; Strasbourg ; ; 斯特拉斯堡 ; ;
FR ; city ; Marseille ; Marseilles ; 马赛 ; ;
GA ; capital ; Libreville ; ; 利伯维尔 ; -自由市|-利布維 ; Africa/Libreville
GB ; capital ; London ; ; 伦敦 ; ; Europe/London
GB ; city ; Glasgow ; ; 格拉斯哥 ; ;
GB ; city ; Edinburgh ; ; 爱丁堡 ; ;
GD ; capital ; St. George's ; Saint George's|St George's ; 圣乔治 ; ;
GE ; capital ; Tbilisi ; ; 第比利斯 ; ; Asia/Tbilisi
GH ; capital ; Accra ; ; 阿克拉 ; ; Africa/Accra
GL ; capital ; Nuuk ; Godthåb ; 努克 ; ; America/Nuuk
GM ; capital ; Banjul ; ; 班珠尔 ; -班竹 ; Africa/Banjul
GN ; capital ; Conakry ; ; 科纳克里 ; ; Africa/Conakry
GQ ; capital ; Malabo ; ; 马拉博 ; ; Africa/Malabo
GR ; capital ; Athens ; ; 雅典 ; ; Europe/Athens
GR ; city ; Piraeus ; ; 比雷埃夫斯 ; ;
GT ; capital ; Guatemala City ; ; 危地马拉城 ; ;
GW ; capital ; Bissau ; ; 比绍 ; ; Africa/Bissau
GY ; capital ; Georgetown ; ; 乔治敦 ; ;
HN ; capital ; Tegucigalpa ; ; 特古西加尔巴 ; ; America/Tegucigalpa
HR ; capital ; Zagreb ; ; 萨格勒布 ; ; Europe/Zagreb
HR ; city ; Dubrovnik ; ; 杜布罗夫尼克 ; ;
HT ; capital ; Port-au-Prince ; ; 太子港 ; ; America/Port-au-Prince
HU ; capital ; Budapest ; ; 布达佩斯 ; ; Europe/Budapest
ID ; capital ; Jakarta ; ; 雅加达 ; ; Asia/Jakarta
ID ; city ; Bali ; ; 巴厘岛 ; 巴厘|峇里島|-巴釐 ;
ID ; city ; Nusa Dua ; ; 努沙杜瓦 ; ;
ID ; city ; Bandung ; ; 万隆 ; ;
IE ; capital ; Dublin ; ; 都柏林 ; ; Europe/Dublin
IL ; capital ; Jerusalem ; ; 耶路撒冷 ; ; Asia/Jerusalem
IL ; city ; Tel Aviv ; Tel Aviv-Yafo ; 特拉维夫 ; ;
IN ; capital ; New Delhi ; ; 新德里 ; ;
IN ; city ; Mumbai ; Bombay ; 孟买 ; ;
IN ; city ; Goa ; ; 果阿 ; ;
IN ; city ; Bengaluru ; Bangalore ; 班加罗尔 ; ;
IQ ; capital ; Baghdad ; ; 巴格达 ; ; Asia/Baghdad
IR ; capital ; Tehran ; Teheran ; 德黑兰 ; ; Asia/Tehran
IS ; capital ; Reykjavík ; ; 雷克雅未克 ; ; Atlantic/Reykjavik
IT ; capital ; Rome ; Roma ; 罗马 ; ; Europe/Rome
IT ; city ; Milan ; Milano ; 米兰 ; ;
IT ; city ; Venice ; Venezia ; 威尼斯 ; ;
IT ; city ; Florence ; Firenze ; 佛罗伦萨 ; ;
IT ; city ; Naples ; Napoli ; 那不勒斯 ; ;
IT ; city ; Genoa ; Genova ; 热那亚 ; ;
IT ; city ; L'Aquila ; ; 拉奎拉 ; ;
IT ; city ; Taormina ; ; 陶尔米纳 ; ;
JM ; capital ; Kingston ; ; 金斯敦 ; ;
JO ; capital ; Amman ; ; 安曼 ; ; Asia/Amman
JP ; capital ; Tokyo ; ; 东京 ; ; Asia/Tokyo
JP ; city ; Osaka ; ; 大阪 ; ;
JP ; city ; Hiroshima ; ; 广岛 ; ;
JP ; city ; Yokohama ; ; 横滨 ; ;
JP ; city ; Kyoto ; ; 京都 ; ;
JP ; city ; Nagoya ; ; 名古屋 ; ;
JP ; city ; Ise-Shima ; Ise Shima ; 伊势志摩 ; ;
JP ; city ; Toyako ; Lake Toya ; 洞爷湖 ; ;
KE ; capital ; Nairobi ; ; 内罗毕 ; ; Africa/Nairobi
KE ; city ; Mombasa ; ; 蒙巴萨 ; ;
KG ; capital ; Bishkek ; ; 比什凯克 ; ; Asia/Bishkek
KH ; capital ; Phnom Penh ; ; 金边 ; ; Asia/Phnom_Penh
KH ; city ; Siem Reap ; ; 暹粒 ; ;
KI ; capital ; Tarawa ; South Tarawa ; 塔拉瓦 ; ; Pacific/Tarawa
KM ; capital ; Moroni ; ; 莫罗尼 ; ;
KN ; capital ; Basseterre ; ; 巴斯特尔 ; ;
KP ; capital ; Pyongyang ; ; 平壤 ; ; Asia/Pyongyang
KR ; capital ; Seoul ; ; 首尔 ; 汉城 ; Asia/Seoul
KR ; city ; Busan ; Pusan ; 釜山 ; ;
KR ; city ; Gyeongju ; ; 庆州 ; ;
KW ; capital ; Kuwait City ; ; 科威特城 ; ;
KZ ; capital ; Astana ; Nur-Sultan ; 阿斯塔纳 ; ;
KZ ; city ; Almaty ; Alma-Ata ; 阿拉木图 ; ; Asia/Almaty
LA ; capital ; Vientiane ; ; 万象 ; ; Asia/Vientiane
LA ; city ; Luang Prabang ; ; 琅勃拉邦 ; ;
LB ; capital ; Beirut ; ; 贝鲁特 ; ; Asia/Beirut
LC ; capital ; Castries ; ; 卡斯特里 ; ;
LI ; capital ; Vaduz ; ; 瓦杜兹 ; ; Europe/Vaduz
LK ; capital ; Colombo ; ; 科伦坡 ; ; Asia/Colombo
LK ; city ; Hambantota ; ; 汉班托塔 ; ;
LR ; capital ; Monrovia ; ; 蒙罗维亚 ; ; Africa/Monrovia
LS ; capital ; Maseru ; ; 马塞卢 ; ; Africa/Maseru
LT ; capital ; Vilnius ; ; 维尔纽斯 ; ; Europe/Vilnius
LU ; capital ; Luxembourg City ; ; 卢森堡市 ; ;
LV ; capital ; Riga ; ; 里加 ; ; Europe/Riga
LY ; capital ; Tripoli ; ; 的黎波里 ; ; Africa/Tripoli
MA ; capital ; Rabat ; ; 拉巴特 ; ;
MA ; city ; Marrakesh ; Marrakech ; 马拉喀什 ; ;
MA ; city ; Casablanca ; ; 卡萨布兰卡 ; ; Africa/Casablanca
MD ; capital ; Chișinău ; Chisinau|Kishinev ; 基希讷乌 ; ; Europe/Chisinau
ME ; capital ; Podgorica ; ; 波德戈里察 ; ; Europe/Podgorica
MG ; capital ; Antananarivo ; ; 塔那那利佛 ; 安塔那那利佛 ; Indian/Antananarivo
MH ; capital ; Majuro ; ; 马朱罗 ; ; Pacific/Majuro
MK ; capital ; Skopje ; ; 斯科普里 ; ; Europe/Skopje
ML ; capital ; Bamako ; ; 巴马科 ; ; Africa/Bamako
MM ; capital ; Nay Pyi Taw ; Naypyidaw|Naypyitaw|Nay Pyi Daw ; 内比都 ; ;
MM ; city ; Yangon ; Rangoon ; 仰光 ; ; Asia/Yangon
MN ; capital ; Ulaanbaatar ; Ulan Bator ; 乌兰巴托 ; ; Asia/Ulaanbaatar
MR ; capital ; Nouakchott ; ; 努瓦克肖特 ; ; Africa/Nouakchott
MT ; capital ; Valletta ; ; 瓦莱塔 ; ;
MU ; capital ; Port Louis ; ; 路易港 ; ;
MV ; capital ; Malé ; -Male ; 马累 ; ;
MW ; capital ; Lilongwe ; ; 利隆圭 ; ;
MX ; capital ; Mexico City ; ; 墨西哥城 ; ; America/Mexico_City
MX ; city ; Cancún ; ; 坎昆 ; ; America/Cancun
MX ; city ; Los Cabos ; ; 洛斯卡沃斯 ; ;
MY ; capital ; Kuala Lumpur ; ; 吉隆坡 ; ; Asia/Kuala_Lumpur
MY ; seat ; Putrajaya ; ; 布城 ; 布特拉贾亚 ;
MZ ; capital ; Maputo ; ; 马普托 ; ; Africa/Maputo
NA ; capital ; Windhoek ; ; 温得和克 ; -溫特和克 ; Africa/Windhoek
NC ; capital ; Nouméa ; ; 努美阿 ; ; Pacific/Noumea
NE ; capital ; Niamey ; ; 尼亚美 ; ; Africa/Niamey
NG ; capital ; Abuja ; ; 阿布贾 ; ;
NG ; city ; Lagos ; ; 拉各斯 ; ; Africa/Lagos
NI ; capital ; Managua ; ; 马那瓜 ; ; America/Managua
NL ; capital ; Amsterdam ; ; 阿姆斯特丹 ; ; Europe/Amsterdam
NL ; seat ; The Hague ; Den Haag ; 海牙 ; ;
NO ; capital ; Oslo ; ; 奥斯陆 ; ; Europe/Oslo
NP ; capital ; Kathmandu ; ; 加德满都 ; ; Asia/Kathmandu
NU ; capital ; Alofi ; ; 阿洛菲 ; ;
NZ ; capital ; Wellington ; ; 惠灵顿 ; 威靈頓 ;
NZ ; city ; Auckland ; ; 奥克兰 ; ; Pacific/Auckland
OM ; capital ; Muscat ; ; 马斯喀特 ; ; Asia/Muscat
PA ; capital ; Panama City ; ; 巴拿马城 ; ;
PE ; capital ; Lima ; ; 利马 ; ; America/Lima
PE ; city ; Chancay ; ; 钱凯 ; ;
PG ; capital ; Port Moresby ; ; 莫尔兹比港 ; ; Pacific/Port_Moresby
PH ; capital ; Manila ; ; 马尼拉 ; ; Asia/Manila
PK ; capital ; Islamabad ; ; 伊斯兰堡 ; ;
PK ; city ; Karachi ; ; 卡拉奇 ; ; Asia/Karachi
PK ; city ; Lahore ; ; 拉合尔 ; ;
PK ; city ; Gwadar ; ; 瓜达尔 ; ;
PL ; capital ; Warsaw ; Warszawa ; 华沙 ; ; Europe/Warsaw
PL ; city ; Katowice ; ; 卡托维兹 ; ;
PR ; capital ; San Juan ; ; 圣胡安 ; ;
PS ; seat ; Ramallah ; ; 拉姆安拉 ; ;
PT ; capital ; Lisbon ; Lisboa ; 里斯本 ; ; Europe/Lisbon
PY ; capital ; Asunción ; ; 亚松森 ; -阿松森 ; America/Asuncion
QA ; capital ; Doha ; ; 多哈 ; 杜哈 ;
RO ; capital ; Bucharest ; București ; 布加勒斯特 ; ; Europe/Bucharest
RS ; capital ; Belgrade ; Beograd ; 贝尔格莱德 ; ; Europe/Belgrade
RU ; capital ; Moscow ; ; 莫斯科 ; ; Europe/Moscow
RU ; city ; Saint Petersburg ; St. Petersburg|St Petersburg ; 圣彼得堡 ; ;
RU ; city ; Sochi ; ; 索契 ; ;
RU ; city ; Kazan ; ; 喀山 ; ;
RU ; city ; Ufa ; ; 乌法 ; ;
RU ; city ; Yekaterinburg ; Ekaterinburg ; 叶卡捷琳堡 ; ; Asia/Yekaterinburg
RU ; city ; Vladivostok ; ; 符拉迪沃斯托克 ; 海参崴 ; Asia/Vladivostok
RW ; capital ; Kigali ; ; 基加利 ; ; Africa/Kigali
SA ; capital ; Riyadh ; ; 利雅得 ; ; Asia/Riyadh
SA ; city ; Jeddah ; Jidda|Jiddah ; 吉达 ; ;
SB ; capital ; Honiara ; ; 霍尼亚拉 ; ;
SC ; capital ; Victoria ; ; 维多利亚 ; ;
SD ; capital ; Khartoum ; ; 喀土穆 ; ; Africa/Khartoum
SD ; seat ; Port Sudan ; ; 苏丹港 ; ;
SE ; capital ; Stockholm ; ; 斯德哥尔摩 ; ; Europe/Stockholm
SI ; capital ; Ljubljana ; ; 卢布尔雅那 ; ; Europe/Ljubljana
SK ; capital ; Bratislava ; ; 布拉迪斯拉发 ; ; Europe/Bratislava
SL ; capital ; Freetown ; ; 弗里敦 ; -自由城 ; Africa/Freetown
SN ; capital ; Dakar ; ; 达喀尔 ; ; Africa/Dakar
SO ; capital ; Mogadishu ; ; 摩加迪沙 ; ; Africa/Mogadishu
SR ; capital ; Paramaribo ; ; 帕拉马里博 ; ; America/Paramaribo
SS ; capital ; Juba ; ; 朱巴 ; ; Africa/Juba
ST ; capital ; São Tomé ; ; 圣多美 ; ; Africa/Sao_Tome
SV ; capital ; San Salvador ; ; 圣萨尔瓦多 ; ;
SY ; capital ; Damascus ; ; 大马士革 ; ; Asia/Damascus
SZ ; capital ; Mbabane ; ; 姆巴巴内 ; ; Africa/Mbabane
TD ; capital ; N'Djamena ; ; 恩贾梅纳 ; ; Africa/Ndjamena
TG ; capital ; Lomé ; ; 洛美 ; ; Africa/Lome
TH ; capital ; Bangkok ; ; 曼谷 ; ; Asia/Bangkok
TJ ; capital ; Dushanbe ; ; 杜尚别 ; ; Asia/Dushanbe
TL ; capital ; Dili ; ; 帝力 ; ; Asia/Dili
TM ; capital ; Ashgabat ; Ashkhabad ; 阿什哈巴德 ; ; Asia/Ashgabat
TN ; capital ; Tunis ; ; 突尼斯市 ; -突尼斯 ; Africa/Tunis
TO ; capital ; Nuku'alofa ; ; 努库阿洛法 ; ;
TR ; capital ; Ankara ; ; 安卡拉 ; ;
TR ; city ; Istanbul ; İstanbul ; 伊斯坦布尔 ; ; Europe/Istanbul
TR ; city ; Antalya ; ; 安塔利亚 ; ;
TT ; capital ; Port of Spain ; Port-of-Spain ; 西班牙港 ; ; America/Port_of_Spain
TV ; capital ; Funafuti ; ; 富纳富提 ; ; Pacific/Funafuti
TW ; city ; Taipei ; ; 台北 ; ; Asia/Taipei
TZ ; capital ; Dodoma ; ; 多多马 ; ;
TZ ; seat ; Dar es Salaam ; ; 达累斯萨拉姆 ; ; Africa/Dar_es_Salaam
UA ; capital ; Kyiv ; Kiev ; 基辅 ; ; Europe/Kyiv
UG ; capital ; Kampala ; ; 坎帕拉 ; ; Africa/Kampala
US ; capital ; Washington ; Washington, D.C.|Washington D.C.|Washington, DC|Washington DC ; 华盛顿 ; ;
US ; city ; New York ; New York City|NYC ; 纽约 ; ; America/New_York
US ; city ; San Francisco ; ; 旧金山 ; 三藩市 ;
US ; city ; Los Angeles ; ; 洛杉矶 ; ; America/Los_Angeles
US ; city ; Chicago ; ; 芝加哥 ; ; America/Chicago
US ; city ; Seattle ; ; 西雅图 ; ;
US ; city ; Honolulu ; ; 檀香山 ; 火奴鲁鲁 ; Pacific/Honolulu
US ; city ; Pittsburgh ; ; 匹兹堡 ; ;
US ; city ; Anchorage ; ; 安克雷奇 ; ; America/Anchorage
US ; city ; Miami ; ; 迈阿密 ; ;
US ; city ; Boston ; ; 波士顿 ; ;
US ; city ; Houston ; ; 休斯敦 ; ;
US ; city ; Atlanta ; ; 亚特兰大 ; ;
UY ; capital ; Montevideo ; ; 蒙得维的亚 ; ; America/Montevideo
UY ; city ; Punta del Este ; ; 埃斯特角城 ; ;
UZ ; capital ; Tashkent ; Toshkent ; 塔什干 ; ; Asia/Tashkent
UZ ; city ; Samarkand ; Samarqand ; 撒马尔罕 ; ; Asia/Samarkand
VE ; capital ; Caracas ; ; 加拉加斯 ; ; America/Caracas
VN ; capital ; Hanoi ; Ha Noi ; 河内 ; ;
VN ; city ; Ho Chi Minh City ; Saigon ; 胡志明市 ; ; Asia/Ho_Chi_Minh
VN ; city ; Da Nang ; Danang ; 岘港 ; ;
VU ; capital ; Port Vila ; Port-Vila ; 维拉港 ; ;
WS ; capital ; Apia ; ; 阿皮亚 ; ; Pacific/Apia
YE ; capital ; Sanaa ; Sana'a|Sana’a ; 萨那 ; ;
YE ; seat ; Aden ; ; 亚丁 ; ; Asia/Aden
ZA ; capital ; Pretoria ; ; 比勒陀利亚 ; ;
ZA ; seat ; Cape Town ; ; 开普敦 ; ;
ZA ; seat ; Bloemfontein ; ; 布隆方丹 ; ;
ZA ; city ; Johannesburg ; ; 约翰内斯堡 ; ; Africa/Johannesburg
ZA ; city ; Durban ; ; 德班 ; ;
ZM ; capital ; Lusaka ; ; 卢萨卡 ; ; Africa/Lusaka
ZW ; capital ; Harare ; ; 哈拉雷 ; ; Africa/Harare
"""


def fail(problems):
    for p in problems:
        print("places.py: " + p, file=sys.stderr)
    sys.exit(1)


def uniq(values):
    """Drop empty strings and duplicates, keeping the first occurrence's position."""
    out = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return out


def fold(s):
    """The string without diacritics ('São Tomé' -> 'Sao Tome', 'İstanbul' -> 'Istanbul')."""
    s = s.replace("ı", "i").replace("ø", "o").replace("Ø", "O").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def slug(name):
    """Lowercase ASCII slug: 'Xi'an' -> 'xian', 'Addis Ababa' -> 'addis-ababa'."""
    s = fold(name).lower().replace("'", "").replace("\u2019", "").replace(".", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def english_variants(forms):
    """Each form, then its diacritic-free form and its straight/curly-apostrophe forms."""
    out = []
    for f in forms:
        for g in (f, fold(f)):
            out += [g, g.replace("\u2019", "'"), g.replace("'", "\u2019")]
    return uniq(out)


# Characters that stay as they are in traditional transliterations of names: OpenCC maps
# them by word sense (里 -> 裏/裡 "inside", 托 -> 託 "entrust"), which is wrong in names.
KEEP_IN_NAMES = "里托"


def keep_name_chars(simplified, converted):
    """The OpenCC conversion with the KEEP_IN_NAMES characters of the source put back."""
    if len(simplified) != len(converted):
        return converted
    return "".join(s if s in KEEP_IN_NAMES else c for s, c in zip(simplified, converted))


def read_tsv(path):
    """Header and rows (dicts) of a lexicon TSV: '#' lines are comments, first other line is the header."""
    header, rows = None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return header, rows


def split(cell):
    return [v for v in cell.split("|") if v]


def parse_table(problems):
    rows = []
    for n, line in enumerate(PLACES.strip("\n").split("\n"), 1):
        cells = [c.strip() for c in line.split(";")]
        if len(cells) != 7:
            problems.append(f"PLACES line {n}: {len(cells)} fields, expected 7: {line!r}")
            continue
        country, role, name_en, aliases_en, name_zh, aliases_zh, tz = cells
        if role not in ("capital", "seat", "city"):
            problems.append(f"PLACES line {n}: bad role {role!r}")
        rows.append({
            "line": n, "country": country, "role": role, "name_en": name_en,
            "aliases_en": split(aliases_en), "name_zh": name_zh, "aliases_zh": split(aliases_zh), "tz": tz,
        })
    return rows


def generate(table, problems):
    zh = Locale.parse("zh").time_zones
    hant = Locale.parse("zh_Hant").time_zones
    hk = Locale.parse("zh_Hant_HK").time_zones
    en = Locale.parse("en").time_zones
    converters = [opencc.OpenCC(c) for c in ("s2t", "s2tw", "s2hk")]
    used_tz = set()
    out = []
    for t in table:
        where = f"PLACES line {t['line']} ({t['name_en']})"
        removals = {a[1:] for a in t["aliases_zh"] if a.startswith("-")}
        hand_zh = [a for a in t["aliases_zh"] if not a.startswith("-")]
        generated = []
        for form in [t["name_zh"]] + hand_zh:
            generated += [keep_name_chars(form, c.convert(form)) for c in converters]
        aliases_en = list(t["aliases_en"])
        tz = t["tz"]
        if tz:
            if tz in used_tz:
                problems.append(f"{where}: time zone {tz} used twice")
            used_tz.add(tz)
            if tz not in zh or "city" not in zh[tz]:
                problems.append(f"{where}: CLDR has no zh exemplar city for {tz}")
            else:
                cldr = zh[tz]["city"]
                if cldr != t["name_zh"] and tz not in CLDR_ZH_DIFFERS:
                    problems.append(f"{where}: name_zh {t['name_zh']} differs from CLDR zh {cldr} "
                                    "(explain it in CLDR_ZH_DIFFERS)")
                if cldr == t["name_zh"] and tz in CLDR_ZH_DIFFERS:
                    problems.append(f"{where}: CLDR_ZH_DIFFERS lists {tz}, but CLDR agrees now")
                generated += [loc[tz]["city"] for loc in (hant, hk) if "city" in loc.get(tz, {})]
            cldr_en = en.get(tz, {}).get("city") or tz.rsplit("/", 1)[1].replace("_", " ")
            aliases_en.append(cldr_en)
        for r in removals:
            if r not in generated:
                problems.append(f"{where}: no generated alias {r!r} to remove")
        aliases_zh = [a for a in uniq(hand_zh + generated) if a not in removals and a != t["name_zh"]]
        removals_en = {a[1:] for a in aliases_en if a.startswith("-")}
        names_en = english_variants([t["name_en"]] + [a for a in aliases_en if not a.startswith("-")])
        for r in removals_en:
            if r not in names_en:
                problems.append(f"{where}: no generated English variant {r!r} to remove")
        names_en = [a for a in names_en if a not in removals_en]
        out.append({
            "id": slug(t["name_en"]), "name_zh": t["name_zh"], "aliases_zh": aliases_zh,
            "name_en": t["name_en"], "aliases_en": [a for a in names_en if a != t["name_en"]],
            "country": t["country"], "role": t["role"], "where": where,
        })
    for tz in CLDR_ZH_DIFFERS:
        if tz not in used_tz:
            problems.append(f"CLDR_ZH_DIFFERS: {tz} is not used by any row")
    return out


def check(rows, problems):
    _, countries = read_tsv(COUNTRIES)
    codes = {c["iso2"] for c in countries}
    country_zh, country_en = {}, {}
    for c in countries:
        for v in [c["name_zh"]] + split(c["aliases_zh"]) + split(c["short_zh"]):
            country_zh[v] = c["iso2"]
        for v in [c["name_en"]] + split(c["aliases_en"]):
            country_en[v.casefold()] = c["iso2"]
    other_zh, other_en = {}, {}
    for name, (cols_zh, cols_en) in OTHER_LEXICONS.items():
        _, lex = read_tsv(os.path.join(LEXICON, name))
        for r in lex:
            for col in cols_zh:
                for v in split(r.get(col, "")):
                    other_zh[v] = f"{name} {r.get('id', '')}"
            for col in cols_en:
                for v in split(r.get(col, "")):
                    other_en[v] = f"{name} {r.get('id', '')}"
    ids, owners_zh, owners_en = {}, {}, {}
    capitals = set()
    for r in rows:
        w = r["where"]
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", r["id"]):
            problems.append(f"{w}: bad id {r['id']!r}")
        if r["id"] in ids:
            problems.append(f"{w}: id {r['id']} already used by {ids[r['id']]}")
        ids[r["id"]] = w
        if r["country"] not in codes:
            problems.append(f"{w}: country {r['country']!r} is not in countries.tsv")
        if r["role"] in ("capital", "seat"):
            capitals.add(r["country"])
        forms_zh = [r["name_zh"]] + r["aliases_zh"]
        forms_en = [r["name_en"]] + r["aliases_en"]
        for col in COLUMNS[1:]:
            values = r[col] if isinstance(r[col], list) else [r[col]]
            for v in values:
                if not v or "\t" in v or "|" in v or "\n" in v or v != v.strip():
                    problems.append(f"{w}: bad value {v!r} in {col}")
        for v in forms_zh:
            if len(v) < 2:
                problems.append(f"{w}: single-character Chinese form {v!r}")
            if not all(unicodedata.name(ch, "").startswith("CJK UNIFIED") for ch in v):
                problems.append(f"{w}: Chinese form {v!r} has non-Han characters")
            if v in country_zh:
                problems.append(f"{w}: Chinese form {v!r} is a form of country {country_zh[v]}")
            if v in other_zh:
                problems.append(f"{w}: Chinese form {v!r} is a form of {other_zh[v]}")
            owners_zh.setdefault(v, set()).add(r["id"])
        for v in forms_en:
            if v.casefold() in country_en:
                problems.append(f"{w}: English form {v!r} is a form of country {country_en[v.casefold()]}")
            if v in other_en:
                problems.append(f"{w}: English form {v!r} is a form of {other_en[v]}")
            owners_en.setdefault(v.casefold(), set()).add(r["id"])
    for what, owners in (("Chinese form", owners_zh), ("English form", owners_en)):
        for v, owner_ids in sorted(owners.items()):
            if len(owner_ids) > 1:
                problems.append(f"{what} {v!r} used by more than one row: {', '.join(sorted(owner_ids))}")
    for code in sorted(codes):
        if code in capitals and code in NO_CAPITAL_ROW:
            problems.append(f"NO_CAPITAL_ROW lists {code}, but it has a capital row")
        if code not in capitals and code not in NO_CAPITAL_ROW:
            problems.append(f"country {code} has no capital row and is not in NO_CAPITAL_ROW")
    for code in sorted(set(NO_CAPITAL_ROW) - codes):
        problems.append(f"NO_CAPITAL_ROW lists {code}, which is not in countries.tsv")


def main():
    problems = []
    table = parse_table(problems)
    rows = generate(table, problems)
    check(rows, problems)
    if problems:
        fail(problems)
    rows.sort(key=lambda r: r["id"])
    lines = [
        "# places.tsv: place-name lexicon: the capitals (official capital and seat of government) of the "
        "countries and territories in countries.tsv, and cities that host diplomatic meetings, summits and "
        "forums (Chinese host cities; G20, BRICS, APEC, SCO and COP host cities since 2008; conference cities)",
        "# sources: hand-curated standard Chinese names as used by Xinhua and the Chinese foreign ministry, from "
        f"public knowledge; cross-checked against CLDR {get_cldr_version()} time-zone exemplar cities "
        f"(zh, zh_Hant, zh_Hant_HK, en) via babel {babel.__version__}, whose zh_Hant and zh_Hant_HK forms are "
        "aliases; traditional-character variants from OpenCC (opencc-python-reimplemented "
        f"{version('opencc-python-reimplemented')}: s2t, s2tw, s2hk)",
        f"# compiled {COMPILED}; UTF-8, tab-separated, multi-valued cells joined with |; generated, do not edit: "
        "change ontology/lexicon/scripts/places.py and run python3 ontology/lexicon/scripts/places.py; "
        "see README.md in this directory",
        "\t".join(COLUMNS),
    ]
    for r in rows:
        lines.append("\t".join("|".join(r[c]) if isinstance(r[c], list) else r[c] for c in COLUMNS))
    tmp = OUT + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, OUT)
    n_cap = sum(1 for r in rows if r["role"] == "capital")
    n_seat = sum(1 for r in rows if r["role"] == "seat")
    print(f"places.tsv: {len(rows)} rows ({n_cap} capitals, {n_seat} other seats of government, "
          f"{len(rows) - n_cap - n_seat} other cities) from CLDR {get_cldr_version()} / babel {babel.__version__} "
          f"/ OpenCC {version('opencc-python-reimplemented')}")


if __name__ == "__main__":
    main()
