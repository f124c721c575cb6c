//! The chronology of reporting in the pure timeline: the knowledge cursor, placement by
//! event/said/reported time, claim lineage lanes and arrows, reporting lags.

use claimline::model::{EntryId, Project, Verification};
use claimline::timeline::knowledge::end_of_day;
use claimline::timeline::{
    CharWidthEstimate, GroupBy, LayoutOptions, Placement, Rect, TimeView, TimelineIndex,
    TimelineLayout, lags, layout, lineage_arrows,
};

use crate::story::{day, story};

fn lay(
    p: &Project,
    group_by: GroupBy,
    placement: Placement,
    options: &LayoutOptions,
) -> TimelineLayout {
    let index = TimelineIndex::build_with(p, group_by, placement);
    let (a, b) = index.bounds().unwrap();
    let pad = (b - a) * 0.1;
    layout(
        p,
        &index,
        TimeView::fit(a - pad, b + pad),
        Rect::new(0.0, 0.0, 1200.0, 600.0),
        options,
        &CharWidthEstimate::default(),
    )
}

#[test]
fn the_cursor_fades_what_was_not_yet_public_and_hides_later_verdicts() {
    let s = story();
    let mut options = LayoutOptions {
        known_on: Some(end_of_day(day(3))),
        ..LayoutOptions::default()
    };
    let l = lay(&s.project, GroupBy::None, Placement::Event, &options);
    let item = |l: &TimelineLayout, id| l.item(id).unwrap().clone();
    assert!(
        !item(&l, s.wire).unknown,
        "the wire report was out on 2 March"
    );
    assert!(item(&l, s.daily).unknown, "the follow-up came on 4 March");
    assert!(item(&l, s.correction).unknown);
    assert_eq!(
        item(&l, s.wire).verification,
        Verification::Unverified,
        "on 3 March nobody had shown the figure false"
    );

    options.known_on = Some(end_of_day(day(6)));
    let l = lay(&s.project, GroupBy::None, Placement::Event, &options);
    assert!(l.items.iter().all(|i| !i.unknown));
    assert_eq!(item(&l, s.daily).verification, Verification::False);

    options.known_on = Some(end_of_day(day(3)));
    options.hide_unknown = true;
    let l = lay(&s.project, GroupBy::None, Placement::Event, &options);
    let ids: Vec<EntryId> = l.items.iter().map(|i| i.id).collect();
    assert_eq!(ids, vec![s.wire], "hidden, not just faded");
}

#[test]
fn claim_lanes_name_the_first_report_and_arrows_follow_publication_order() {
    let s = story();
    let l = lay(
        &s.project,
        GroupBy::Claim,
        Placement::Reported,
        &LayoutOptions::default(),
    );
    let labels: Vec<&str> = l.lanes.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(labels, vec!["1,200 residents evacuated", "(no claim)"]);
    let wire = l.item(s.wire).unwrap();
    let daily = l.item(s.daily).unwrap();
    assert_eq!((wire.lane, daily.lane), (0, 0));
    assert!(wire.first_report && !daily.first_report);
    assert_eq!(wire.claim, daily.claim);
    assert!(l.item(s.correction).unwrap().claim.is_none());

    let claim = s.project.claims[0].id;
    let arrows = lineage_arrows(&l, &s.project, claim);
    assert_eq!(arrows.len(), 1);
    assert_eq!((arrows[0].from, arrows[0].to), (s.wire, s.daily));
    assert!(
        arrows[0].x0 < arrows[0].x1,
        "placed by reported time, the wire came first"
    );
}

#[test]
fn placement_moves_items_and_lags_measure_the_distance_to_the_report() {
    let s = story();
    let by_event = lay(
        &s.project,
        GroupBy::None,
        Placement::Event,
        &LayoutOptions::default(),
    );
    let by_report = lay(
        &s.project,
        GroupBy::None,
        Placement::Reported,
        &LayoutOptions::default(),
    );
    let reported = s.wire_reported();
    assert_eq!(
        by_report.item(s.wire).unwrap().start,
        reported.start_seconds()
    );
    assert!(by_event.item(s.wire).unwrap().start < reported.start_seconds());

    let event_lags = lags(&by_event, &s.project, Placement::Event);
    let wire_lag = event_lags.iter().find(|l| l.id == s.wire).unwrap();
    assert_eq!(wire_lag.label, "reported 8 months later");
    assert!(wire_lag.x0 < wire_lag.x1);
    assert!(
        event_lags.iter().all(|l| l.id != s.correction),
        "reported the day it happened: no lag"
    );
    assert!(lags(&by_report, &s.project, Placement::Reported).is_empty());
}

#[test]
fn exported_images_draw_verdicts_first_reports_and_lineage_arrows() {
    use claimline::export::svg::{ImageOptions, render_svg};
    let s = story();
    let entries: Vec<_> = s.project.entries.iter().collect();
    let options = ImageOptions {
        group_by: GroupBy::Claim,
        ..ImageOptions::default()
    };
    let svg = render_svg(&s.project, &entries, &options);
    assert_eq!(
        svg.matches(r#"marker-end="url(#lineage-arrow)""#).count(),
        1,
        "wire → follow-up"
    );
    assert_eq!(svg.matches('★').count(), 1, "one first report");
    assert!(
        !svg.contains(r#"class="known-on""#),
        "no cursor without a day"
    );
    assert_eq!(
        svg.matches('✗').count(),
        2,
        "both appearances of the false claim"
    );

    // As known before the verdict: no badge yet.
    let earlier = ImageOptions {
        known_on: Some(day(5)),
        ..options
    };
    let entries: Vec<_> = s
        .project
        .entries
        .iter()
        .filter(|e| e.known_by(end_of_day(day(5))))
        .collect();
    let svg = render_svg(&s.project, &entries, &earlier);
    assert_eq!(svg.matches('✗').count(), 0, "not shown false on 5 March");
    // The cursor line crosses the axis and every lane, at the end of 5 March.
    let lanes = svg.matches(r#"class="future""#).count();
    assert!(lanes >= 2, "axis and lanes shaded: {lanes}");
    assert_eq!(svg.matches(r#"class="known-on""#).count(), lanes);
}
