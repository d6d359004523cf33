//! A deterministic synthetic corpus of diplomatic reports, in Chinese and English, with
//! each report's gold annotation in the `diplograph eval` format: for benchmarks and for
//! evaluation at any scale.
//!
//! ```sh
//! cargo run --release --example synth_corpus -- --docs 10000 --seed 1 --out /tmp/synth
//! diplograph eval --docs /tmp/synth/docs --gold /tmp/synth/gold
//! ```
//!
//! Everything comes from the lexicons: countries, their adjectives and capitals, positions,
//! Chinese officials of the registry as hosts. Foreign attendees get invented names (Chinese
//! names from the transliteration characters of `name-chars.tsv`, English names from
//! syllables), so the generator never states a fact about a real foreign official. Each
//! report has one gathering (a conference with 2 to 40 attendees, a meeting, talks or a
//! phone call), a statement, a trade figure, and unrelated paragraphs that bring it to
//! 1 to 6 KB. The same `--seed` gives the same bytes.

use std::fmt::Write as _;
use std::path::PathBuf;

use diplograph::lexicon::{Country, Lexicon};
use serde_json::json;

/// splitmix64: small, fast and reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];
const MONTHS_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const FILLER_ZH: [&str; 8] = [
    "双方一致同意加强在经贸、人文、科技等领域的交流与合作，推动双边关系持续健康发展。",
    "与会各方围绕互联互通、绿色发展、数字经济等议题深入交换意见。",
    "会议期间，各方还就共同关心的国际和地区问题交换了看法。",
    "近年来，双边务实合作不断取得新进展，人员往来日益密切。",
    "分析人士认为，此次活动为深化区域合作注入了新动力。",
    "各方表示，愿进一步加强政策沟通，共同应对全球性挑战。",
    "当地媒体对此次活动进行了广泛报道。",
    "据介绍，相关合作项目进展顺利，为当地创造了大量就业岗位。",
];
const FILLER_EN: [&str; 8] = [
    "The two sides agreed to strengthen exchanges and cooperation in trade, culture, science and technology.",
    "Participants exchanged views on connectivity, green development and the digital economy.",
    "They also discussed international and regional issues of common concern.",
    "Practical cooperation between the two sides has made steady progress in recent years.",
    "Analysts said the event would give new impetus to regional cooperation.",
    "The parties pledged to enhance policy communication and jointly address global challenges.",
    "Local media gave the event extensive coverage.",
    "The cooperation projects have created a large number of local jobs, according to officials.",
];
const SYLLABLES: [&str; 24] = [
    "ka", "lo", "mi", "ran", "so", "ta", "vel", "na", "dor", "fi", "ga", "hel", "jo", "ku", "li",
    "mar", "ne", "pa", "ri", "sen", "tu", "va", "yo", "zen",
];

struct Attendee {
    key: String,
    zh: String,
    en: String,
    country: usize,
    position: usize,
}

fn invented_en(r: &mut Rng) -> String {
    let word = |r: &mut Rng| {
        let n = 2 + r.below(2);
        let mut w: String = (0..n).map(|_| *r.pick(&SYLLABLES)).collect();
        if let Some(f) = w.get(..1).map(str::to_uppercase) {
            w.replace_range(..1, &f);
        }
        w
    };
    format!("{} {}", word(r), word(r))
}

fn invented_zh(r: &mut Rng, chars: &[char]) -> String {
    let n = 3 + r.below(2);
    (0..n).map(|_| *r.pick(chars)).collect()
}

fn main() -> anyhow::Result<()> {
    let mut docs = 100usize;
    let mut seed = 1u64;
    let mut out = PathBuf::from("synth-corpus");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let v = args
            .next()
            .ok_or_else(|| anyhow::anyhow!("{a} needs a value"))?;
        match a.as_str() {
            "--docs" => docs = v.parse()?,
            "--seed" => seed = v.parse()?,
            "--out" => out = PathBuf::from(v),
            _ => anyhow::bail!("unknown argument {a} (use --docs N --seed S --out DIR)"),
        }
    }
    let lex = Lexicon::embedded()?;
    // Countries with a capital and an English adjective; hosts: Chinese registry people.
    let countries: Vec<(&Country, &diplograph::lexicon::Place)> = lex
        .countries
        .iter()
        .filter(|c| c.iso2 != "CN" && !c.adjectives_en.is_empty())
        .filter_map(|c| {
            lex.places
                .iter()
                .find(|p| p.country.as_deref() == Some(c.iso2.as_str()))
                .map(|p| (c, p))
        })
        .collect();
    let hosts: Vec<_> = lex
        .people
        .iter()
        .filter(|p| p.country.as_deref() == Some("CN"))
        .collect();
    let cn_places: Vec<_> = lex
        .places
        .iter()
        .filter(|p| p.country.as_deref() == Some("CN"))
        .collect();
    let position_ids = [
        "foreign-minister",
        "president",
        "prime-minister",
        "vice-president",
    ];
    let positions: Vec<_> = position_ids
        .iter()
        .filter_map(|id| lex.positions.iter().find(|p| p.id == *id))
        .collect();
    let translit: Vec<char> = include_str!("../ontology/lexicon/name-chars.tsv")
        .lines()
        .find_map(|l| l.strip_prefix("translit\t"))
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    anyhow::ensure!(
        !countries.is_empty() && !hosts.is_empty() && !positions.is_empty() && !translit.is_empty(),
        "the lexicons lack countries, hosts, positions or name characters"
    );
    std::fs::create_dir_all(out.join("docs"))?;
    std::fs::create_dir_all(out.join("gold"))?;
    let mut r = Rng(seed);
    let mut bytes = 0usize;
    for i in 0..docs {
        let zh = r.below(2) == 0;
        let (y, m, d) = (2015 + r.below(10), 1 + r.below(12), 1 + r.below(28));
        let date = format!("{y:04}-{m:02}-{d:02}");
        let host = *r.pick(&hosts);
        let host_pos = *r.pick(&positions);
        let kind = *r.pick(&["Conference", "Meeting", "Talks", "PhoneCall"]);
        let n = if kind == "Conference" {
            2 + r.below(39)
        } else {
            1
        };
        let mut attendees: Vec<Attendee> = Vec::new();
        let mut used = std::collections::BTreeSet::new();
        while attendees.len() < n {
            let c = r.below(countries.len());
            if !used.insert(c) {
                if used.len() >= countries.len() {
                    break;
                }
                continue;
            }
            attendees.push(Attendee {
                key: format!("p{}", attendees.len() + 2),
                zh: invented_zh(&mut r, &translit),
                en: invented_en(&mut r),
                country: c,
                position: r.below(positions.len()),
            });
        }
        let city = *r.pick(&cn_places);
        let ordinal = 1 + r.below(12);
        let value = 10 + r.below(990);
        let filler = 1 + r.below(24);
        let mut text = String::new();
        let mut people = vec![
            json!({"key": "p1", "name": if zh { &host.name_zh } else { &host.name_en },
            "country": "CN", "titles": [if zh { &host_pos.forms_zh[0] } else { &host_pos.name_en }]}),
        ];
        let mut gold_countries =
            vec![json!({"key": "CN", "name": if zh { "中国" } else { "China" }})];
        for a in &attendees {
            let (c, _) = countries[a.country];
            let p = positions[a.position];
            people.push(
                json!({"key": a.key, "name": if zh { &a.zh } else { &a.en }, "country": c.iso2,
                "titles": [if zh { &p.forms_zh[0] } else { &p.name_en }]}),
            );
            gold_countries.push(
                json!({"key": c.iso2, "name": if zh { &c.name_zh } else { &c.adjectives_en[0] }}),
            );
        }
        let label;
        let figure_text;
        if zh {
            let (pz, cz) = (&host_pos.forms_zh[0], &city.name_zh);
            write!(
                text,
                "新华社{cz}{m}月{d}日电 {y}年{m}月{d}日，{pz}{}",
                host.name_zh
            )?;
            let list: Vec<String> = attendees
                .iter()
                .map(|a| {
                    format!(
                        "{}{}{}",
                        countries[a.country].0.name_zh, positions[a.position].forms_zh[0], a.zh
                    )
                })
                .collect();
            label = match kind {
                "Conference" => {
                    let l = format!("第{ordinal}届区域合作外长会");
                    write!(text, "在{cz}主持{l}。{}出席。", list.join("、"))?;
                    Some(l)
                }
                "Meeting" => {
                    write!(text, "在{cz}会见{}。", list[0])?;
                    None
                }
                "Talks" => {
                    write!(text, "在{cz}同{}举行会谈。", list[0])?;
                    None
                }
                _ => {
                    write!(text, "同{}通电话。", list[0])?;
                    None
                }
            };
            write!(
                text,
                "\n{}表示，中方愿同各方一道，推动合作不断取得新成果。",
                host.name_zh
            )?;
            figure_text = format!("{value}亿美元");
            write!(text, "\n去年双边贸易额达{figure_text}。")?;
            for _ in 0..filler {
                write!(text, "\n{}", r.pick(&FILLER_ZH))?;
            }
        } else {
            let (pe, ce) = (&host_pos.name_en, &city.name_en);
            write!(
                text,
                "{}, {} {d} (Xinhua) -- Chinese {pe} {} on {} {d}, {y} ",
                ce.to_uppercase(),
                MONTHS[m - 1],
                host.name_en,
                MONTHS_LONG[m - 1]
            )?;
            let list: Vec<String> = attendees
                .iter()
                .map(|a| {
                    format!(
                        "{} {} {}",
                        countries[a.country].0.adjectives_en[0],
                        positions[a.position].name_en,
                        a.en
                    )
                })
                .collect();
            label = match kind {
                "Conference" => {
                    let l = format!("Regional Cooperation Foreign Ministers' Meeting {ordinal}");
                    write!(text, "chaired the {l} in {ce}.\n")?;
                    let (last, rest) = list.split_last().expect("two or more");
                    write!(text, "{} and {last} attended the meeting.", rest.join(", "))?;
                    Some(l)
                }
                "Meeting" => {
                    write!(text, "met with {} in {ce}.", list[0])?;
                    None
                }
                "Talks" => {
                    write!(text, "held talks with {} in {ce}.", list[0])?;
                    None
                }
                _ => {
                    write!(text, "held a phone call with {}.", list[0])?;
                    None
                }
            };
            let surname = host.name_en.split(' ').next().unwrap_or(&host.name_en);
            write!(text, "\n{surname} said China is ready to work with all parties for new progress in cooperation.")?;
            figure_text = format!("{value} billion U.S. dollars");
            write!(text, "\nBilateral trade reached {figure_text} last year.")?;
            for _ in 0..filler {
                write!(text, "\n{}", r.pick(&FILLER_EN))?;
            }
        }
        let name = format!("{i:07}");
        let title = if zh {
            "区域合作动态"
        } else {
            "Regional cooperation news"
        };
        let doc = format!(
            "title: {title}\ndate: {date}\nurl: https://example.org/synth/{seed}/{name}\nlang: {}\n\n{text}\n",
            if zh { "zh" } else { "en" }
        );
        bytes += doc.len();
        std::fs::write(out.join("docs").join(format!("{name}.txt")), &doc)?;
        let mut participants: Vec<String> = vec!["p1".into(), "CN".into()];
        for a in &attendees {
            participants.push(a.key.clone());
            participants.push(countries[a.country].0.iso2.clone());
        }
        let chairs: Vec<&str> = if kind == "Conference" {
            vec!["p1"]
        } else {
            vec![]
        };
        let gold = json!({
            "doc": format!("{name}.txt"),
            "events": [{"type": kind, "status": "main", "label": label, "date": date,
                "chairs": chairs, "participants": participants}],
            "people": people,
            "countries": gold_countries,
            "organizations": [{"key": "o1", "name": if zh { "新华社" } else { "Xinhua" }}],
            "initiatives": [],
            "figures": [{"text": figure_text, "value": value as f64 * if zh { 1e8 } else { 1e9 }, "unit": "USD"}],
            "statements": [],
        });
        std::fs::write(
            out.join("gold").join(format!("{name}.json")),
            serde_json::to_string_pretty(&gold)? + "\n",
        )?;
    }
    eprintln!(
        "synth_corpus: {docs} documents, {} KB, in {}",
        bytes / 1024,
        out.display()
    );
    Ok(())
}
