//! One test per pattern family of the genre, on sentences written for these tests.

use diplograph::annotate::{annotate, Config};
use diplograph::lexicon::Lexicon;
use diplograph::model::{Annotation, EntityKey, EventStatus, Mode, Role};
use diplograph::read::read_bytes;

fn run(date: &str, body: &str) -> Annotation {
    let text = format!("date: {date}\n\n{body}");
    let doc = match read_bytes(text.as_bytes(), std::path::Path::new("t.txt"), "t.txt") {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let lex = match Lexicon::embedded() {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    };
    annotate(&doc, lex, &Config::default())
}

/// (name, titles, represented party label) of every person, sorted by name.
fn people(a: &Annotation) -> Vec<(String, Vec<String>, String)> {
    let mut v: Vec<_> = a
        .entities
        .iter()
        .filter(|e| matches!(e.key, EntityKey::Person { .. }))
        .map(|e| {
            (
                e.name.clone(),
                e.titles.iter().map(|t| t.text.clone()).collect(),
                e.represents
                    .as_ref()
                    .map(EntityKey::label)
                    .unwrap_or_default(),
            )
        })
        .collect();
    v.sort();
    v
}

fn person(a: &Annotation, name: &str) -> (Vec<String>, String) {
    people(a)
        .into_iter()
        .find(|p| p.0 == name)
        .map(|p| (p.1, p.2))
        .unwrap_or_else(|| panic!("no person {name}: {:?}", people(a)))
}

/// (event type, person name, roles) of every participation.
fn roles(a: &Annotation) -> Vec<(String, String, Vec<Role>)> {
    let name = |k: &EntityKey| {
        a.entities
            .iter()
            .find(|e| &e.key == k)
            .map_or_else(|| k.label(), |e| e.name.clone())
    };
    let mut v: Vec<_> = a
        .participations
        .iter()
        .map(|p| {
            let t = a
                .events
                .iter()
                .find(|e| e.id == p.event)
                .map(|e| e.event_type.clone())
                .unwrap_or_default();
            (t, name(&p.participant), p.roles.clone())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn country_title_name() {
    let a = run(
        "2024-03-01",
        "秘鲁外长冈萨雷斯在利马表示，秘方愿同各方加强合作。",
    );
    assert_eq!(
        person(&a, "冈萨雷斯"),
        (vec!["外长".to_owned()], "country:PE".to_owned())
    );
}

#[test]
fn country_title_jian_title_name() {
    let a = run("2024-03-01", "越南副总理兼外长范平明出席了开幕式。");
    assert_eq!(
        person(&a, "范平明"),
        (
            vec!["副总理".to_owned(), "外长".to_owned()],
            "country:VN".to_owned()
        )
    );
}

#[test]
fn organization_title_name() {
    let a = run(
        "2024-03-01",
        "世界卫生组织总干事谭德塞表示，各方应加强合作。",
    );
    let (titles, rep) = person(&a, "谭德塞");
    assert_eq!(titles, ["总干事"]);
    assert_eq!(rep, "org:who");
}

#[test]
fn title_jian_organization_title_name() {
    let a = run(
        "2024-03-01",
        "联合国副秘书长兼非洲经济委员会执秘松圭出席会议。",
    );
    let (titles, rep) = person(&a, "松圭");
    assert_eq!(titles, ["联合国副秘书长", "执秘"]);
    assert_eq!(rep, "org:un-eca");
}

#[test]
fn enumeration_comma_splits_titles_of_one_person_but_separates_people() {
    let a = run(
        "2024-03-01",
        "中共中央政治局委员、外交部长王毅会见了法国总统马克龙、德国总理朔尔茨。",
    );
    assert_eq!(person(&a, "王毅").0, ["中共中央政治局委员", "外交部长"]);
    assert_eq!(person(&a, "王毅").1, "country:CN");
    assert_eq!(person(&a, "马克龙").0, ["总统"]);
    assert_eq!(person(&a, "朔尔茨").0, ["总理"]);
}

#[test]
fn name_before_title_and_back_references() {
    let a = run(
        "2024-03-01",
        "会谈后，阿尔巴尼斯总理表示，澳方愿同中方加强合作。阿尔巴尼斯说，两国关系正在改善。",
    );
    assert_eq!(person(&a, "阿尔巴尼斯").0, ["总理"]);
    let mentions = a
        .entities
        .iter()
        .find(|e| e.name == "阿尔巴尼斯")
        .map(|e| e.mentions.len());
    assert_eq!(
        mentions,
        Some(2),
        "the later 阿尔巴尼斯说 is the same person"
    );
    let countries: Vec<String> = a
        .entities
        .iter()
        .filter_map(|e| match &e.key {
            EntityKey::Country { code } => Some(code.clone()),
            _ => None,
        })
        .collect();
    assert!(
        countries.contains(&"AU".to_owned()) && countries.contains(&"CN".to_owned()),
        "{countries:?}"
    );
    assert_eq!(a.statements.len(), 2);
}

#[test]
fn x_fang_resolves_to_the_country_named_before() {
    let a = run(
        "2024-03-01",
        "哥斯达黎加外长特雷维尼奥表示，哥方支持多边主义。",
    );
    let co: Vec<&str> = a
        .mentions
        .iter()
        .filter(|m| m.text == "哥方")
        .filter_map(|m| match &m.entity {
            Some(EntityKey::Country { code }) => Some(code.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        co,
        ["CR"],
        "哥方 after 哥斯达黎加 is Costa Rica, not Colombia"
    );
}

#[test]
fn attendee_list_with_a_count_that_names_no_list() {
    let a = run(
        "2024-03-01",
        "外交部长王毅在北京主持第三届地区合作外长会议。包括泰国外长班比、缅甸外长丹瑞在内，共有12个国家的外长等高级官员与会。",
    );
    let r = roles(&a);
    assert!(
        r.contains(&(
            "conference".to_owned(),
            "王毅".to_owned(),
            vec![Role::Chair]
        )),
        "{r:?}"
    );
    assert!(
        r.contains(&(
            "conference".to_owned(),
            "班比".to_owned(),
            vec![Role::Attendee]
        )),
        "{r:?}"
    );
    assert!(
        r.contains(&(
            "conference".to_owned(),
            "丹瑞".to_owned(),
            vec![Role::Attendee]
        )),
        "{r:?}"
    );
    let count = a
        .events
        .first()
        .and_then(|e| e.attending_countries.as_ref())
        .map(|c| c.value);
    assert_eq!(count, Some(12));
    // No person was made of the 12 countries' unnamed ministers.
    assert_eq!(people(&a).len(), 3, "{:?}", people(&a));
}

#[test]
fn co_chairs_joined_by_yu() {
    let a = run(
        "2024-03-01",
        "外交部长王毅与东盟秘书长高金洪共同主持中国—东盟合作论坛。",
    );
    let r = roles(&a);
    let chairs: Vec<&str> = r
        .iter()
        .filter(|x| x.2.contains(&Role::CoChair))
        .map(|x| x.1.as_str())
        .collect();
    assert_eq!(chairs.len(), 2, "{r:?}");
}

#[test]
fn bilateral_meeting_talks_and_phone_call() {
    let a = run(
        "2024-03-01",
        "3月1日，国务委员兼外长秦刚在北京会见新加坡外长维文。当天下午，秦刚同印尼外长蕾特诺举行会谈。3月2日，秦刚同俄罗斯外长拉夫罗夫通电话。",
    );
    let kinds: Vec<(String, String, Option<Mode>)> = a
        .events
        .iter()
        .map(|e| {
            (
                e.event_type.clone(),
                e.date.map(|d| d.to_string()).unwrap_or_default(),
                e.mode,
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "meeting".to_owned(),
                "2024-03-01".to_owned(),
                Some(Mode::InPerson)
            ),
            ("talks".to_owned(), "2024-03-01".to_owned(), None),
            (
                "phone-call".to_owned(),
                "2024-03-02".to_owned(),
                Some(Mode::Phone)
            ),
        ]
    );
    let r = roles(&a);
    assert!(
        r.contains(&(
            "meeting".to_owned(),
            "维文".to_owned(),
            vec![Role::Attendee]
        )),
        "{r:?}"
    );
    assert!(
        r.contains(&(
            "talks".to_owned(),
            "蕾特诺".to_owned(),
            vec![Role::Attendee]
        )),
        "{r:?}"
    );
    assert!(
        r.contains(&(
            "phone-call".to_owned(),
            "拉夫罗夫".to_owned(),
            vec![Role::Attendee]
        )),
        "{r:?}"
    );
}

#[test]
fn press_conference_and_statuses() {
    let a = run(
        "2024-03-01",
        "外交部发言人毛宁主持例行记者会。毛宁宣布，国家主席习近平将于3月10日出席在北京举行的第二届中国—中亚峰会。去年东盟峰会期间，双方曾举行会晤。",
    );
    let kinds: Vec<(String, EventStatus)> = a
        .events
        .iter()
        .map(|e| (e.event_type.clone(), e.status))
        .collect();
    assert!(
        kinds.contains(&("press-conference".to_owned(), EventStatus::Happened)),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("summit".to_owned(), EventStatus::Announced)),
        "{kinds:?}"
    );
    assert!(
        !kinds
            .iter()
            .any(|(t, s)| t == "summit" && *s == EventStatus::Happened),
        "{kinds:?}"
    );
}

#[test]
fn dates_resolve_against_the_report_date() {
    let a = run(
        "2024-03-02",
        "当地时间3月1日下午，国家主席习近平在北京会见美国国务卿布林肯。",
    );
    assert_eq!(
        a.events
            .first()
            .and_then(|e| e.date)
            .map(|d| d.to_string())
            .as_deref(),
        Some("2024-03-01")
    );
    let b = run(
        "2024-03-02",
        "星期五（3月1日），外交部长王毅在北京会见美国国务卿布林肯。",
    );
    assert_eq!(
        b.events
            .first()
            .and_then(|e| e.date)
            .map(|d| d.to_string())
            .as_deref(),
        Some("2024-03-01")
    );
    let c = run(
        "2024-03-02",
        "1日下午，外交部长王毅在北京会见美国国务卿布林肯。",
    );
    assert_eq!(
        c.events
            .first()
            .and_then(|e| e.date)
            .map(|d| d.to_string())
            .as_deref(),
        Some("2024-03-01")
    );
}

#[test]
fn video_mode_and_places() {
    let a = run(
        "2024-03-01",
        "国家主席习近平在北京以视频方式主持第二届地区合作峰会。",
    );
    let e = a.events.first().expect("an event");
    assert_eq!(e.mode, Some(Mode::Online));
    // A city of places.tsv resolves to its entry, whatever the language.
    assert_eq!(
        e.place.as_ref().map(EntityKey::label).as_deref(),
        Some("place:beijing")
    );
    let en = run(
        "2024-03-01",
        "President Xi Jinping chaired the second Regional Cooperation Summit in Rio de Janeiro via video link.",
    );
    assert_eq!(
        en.events
            .first()
            .and_then(|e| e.place.as_ref())
            .map(EntityKey::label)
            .as_deref(),
        Some("place:rio-de-janeiro")
    );
    // A place the lexicon does not know keeps the name as written.
    let other = run("2024-03-01", "国家主席习近平在青松镇主持地区合作峰会。");
    assert_eq!(
        other.events.first().and_then(|e| e.place.clone()),
        Some(EntityKey::Place {
            name: "青松镇".into(),
            registry: false
        })
    );
}

#[test]
fn traditional_characters_map_to_the_same_entities() {
    let a = run(
        "2016-09-08",
        "國務院總理李克強在萬象同老撾總理通倫舉行會談。",
    );
    assert_eq!(
        a.events.first().map(|e| e.event_type.as_str()),
        Some("talks")
    );
    let (titles, rep) = person(&a, "通倫");
    assert_eq!(titles, ["總理"]);
    assert_eq!(rep, "country:LA");
}

#[test]
fn bylines_are_journalists_of_the_agency() {
    let a = run("2024-03-01", "新华社北京3月1日电（记者王小明 李华）外交部长王毅1日在北京会见来访的客人。\n新华社记者 张伟 摄");
    for name in ["王小明", "李华", "张伟"] {
        let (titles, rep) = person(&a, name);
        assert_eq!(titles, ["记者"], "{name}");
        assert_eq!(rep, "org:xinhua", "{name}");
    }
}

#[test]
fn truncated_text_makes_no_garbage_entities() {
    let a = run("2024-03-01", "俄罗斯总统普京、印度总理莫");
    let names: Vec<String> = people(&a).into_iter().map(|p| p.0).collect();
    assert_eq!(names, ["普京"]);
}

#[test]
fn numbers_are_normalised() {
    let a = run(
        "2024-03-01",
        "双方贸易额超过1.5万亿元人民币，中方提出三点建议，近5年来已有30多个国家加入。",
    );
    let q: Vec<(String, f64, String)> = a
        .quantities
        .iter()
        .map(|q| (q.text.clone(), q.value, q.unit.clone()))
        .collect();
    assert!(
        q.contains(&("1.5万亿元人民币".to_owned(), 1.5e12, "CNY".to_owned())),
        "{q:?}"
    );
    assert!(
        q.contains(&("三点建议".to_owned(), 3.0, "proposals".to_owned())),
        "{q:?}"
    );
    assert!(
        q.contains(&("30多个国家".to_owned(), 30.0, "countries".to_owned())),
        "{q:?}"
    );
    assert!(
        q.contains(&("5年来".to_owned(), 5.0, "years".to_owned())),
        "{q:?}"
    );
}

#[test]
fn a_visit_at_the_invitation_of_a_host() {
    let a = run(
        "2024-03-01",
        "应国家主席赵明邀请，巴西总统卢西亚诺于3月1日对中国进行国事访问。",
    );
    let r = roles(&a);
    assert!(
        r.contains(&(
            "visit".to_owned(),
            "卢西亚诺".to_owned(),
            vec![Role::Attendee]
        )),
        "{r:?}"
    );
    assert!(
        r.contains(&("visit".to_owned(), "赵明".to_owned(), vec![Role::Host])),
        "{r:?}"
    );
    let place = a
        .events
        .iter()
        .find(|e| e.event_type == "visit")
        .and_then(|e| e.place.as_ref())
        .map(EntityKey::label);
    assert_eq!(place.as_deref(), Some("country:CN"));
}

#[test]
fn dateline_then_a_gathering_held_and_chaired() {
    // The dateline's place and date do not swallow the event noun after them.
    for dateline in ["本报雅加达9月5日电 ", "新华社雅加达9月5日电　"] {
        let a = run(
            "2023-09-05",
            &format!("{dateline}东盟与中日韩外长会5日在雅加达举行。外交部长王毅主持会议，印度尼西亚外长蕾特诺出席。"),
        );
        let events: Vec<_> = a
            .events
            .iter()
            .map(|e| {
                (
                    e.event_type.as_str(),
                    e.name.as_deref(),
                    e.date.map(|d| d.to_string()),
                )
            })
            .collect();
        assert_eq!(
            events,
            [(
                "conference",
                Some("东盟与中日韩外长会"),
                Some("2023-09-05".to_owned())
            )],
            "{dateline}"
        );
        let r = roles(&a);
        assert!(
            r.iter()
                .any(|(_, n, rs)| n == "王毅" && rs.contains(&Role::Chair)),
            "{r:?}"
        );
        assert!(r.iter().any(|(_, n, _)| n == "蕾特诺"), "{r:?}");
    }
}
