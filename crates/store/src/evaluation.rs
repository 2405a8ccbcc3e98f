//! The evaluation rules per year, the schede and the Nucleo's validation (migration 008):
//! rows in and out. Computing and checking is `domain::evaluation` and `ops::evaluation`.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::indicators::{kind_code, kind_of};
use super::versions::series_of;
use super::{now, Store};
use crate::db::db_error;
use piano_domain::error::Result;
use piano_domain::evaluation::{Combine, Item, PrerequisiteRule, Rules, Scheda};
use piano_domain::ids::AreaId;
use piano_domain::indicators::{Direction, Value};
use piano_domain::individual::{Individual, Revision};
use piano_domain::model::name_key;
use piano_domain::pay::{parse_graduation, Delay, Interim, TimelinessMode};
use piano_domain::results::Band;
use piano_domain::versions::Act;

pub(crate) fn rules(conn: &Connection, series: i64, year: i32) -> Result<Rules> {
    let row = conn
        .query_row(
            "SELECT organisational, behaviours, individual, scale_min, scale_max, combine, budget,
                    position_budget, timeliness_mode, timeliness_quota, timeliness_graduation,
                    prerequisite_rule, review_days
             FROM evaluation_rule WHERE series_id = ?1 AND year = ?2",
            params![series, year],
            |r| {
                Ok(Rules {
                    organisational: r.get(0)?,
                    behaviours: r.get(1)?,
                    individual: r.get(2)?,
                    scale_min: r.get(3)?,
                    scale_max: r.get(4)?,
                    items: Vec::new(),
                    bands: None,
                    combine: if r.get::<_, String>(5)? == "pesata" {
                        Combine::Pesata
                    } else {
                        Combine::Media
                    },
                    budget: r.get(6)?,
                    position_budget: r.get(7)?,
                    timeliness: if r.get::<_, String>(8)? == "risultati" {
                        TimelinessMode::Risultati
                    } else {
                        TimelinessMode::Quota
                    },
                    timeliness_quota: r.get(9)?,
                    // Written from a checked value: a text that no longer reads is none.
                    timeliness_graduation: parse_graduation(&r.get::<_, String>(10)?)
                        .unwrap_or_default(),
                    prerequisite: if r.get::<_, String>(11)? == "area" {
                        PrerequisiteRule::Area
                    } else {
                        PrerequisiteRule::Tutto
                    },
                    review_days: r.get(12)?,
                    is_default: false,
                })
            },
        )
        .optional()
        .map_err(db_error)?;
    let Some(mut rules) = row else {
        return Ok(Rules::default());
    };
    let mut stmt = conn
        .prepare_cached(
            "SELECT name, description, weight, levels FROM evaluation_item
         WHERE series_id = ?1 AND year = ?2 ORDER BY position",
        )
        .map_err(db_error)?;
    rules.items = stmt
        .query_map(params![series, year], |r| {
            let levels: String = r.get(3)?;
            Ok(Item {
                name: r.get(0)?,
                description: r.get(1)?,
                weight: r.get(2)?,
                levels: if levels.is_empty() {
                    Vec::new()
                } else {
                    levels.split('\n').map(str::to_string).collect()
                },
            })
        })
        .map_err(db_error)?
        .collect::<rusqlite::Result<_>>()
        .map_err(db_error)?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT min_score, share FROM evaluation_band WHERE series_id = ?1 AND year = ?2
         ORDER BY min_score",
        )
        .map_err(db_error)?;
    let bands: Vec<Band> = stmt
        .query_map(params![series, year], |r| {
            Ok(Band {
                from: r.get(0)?,
                share: r.get(1)?,
            })
        })
        .map_err(db_error)?
        .collect::<rusqlite::Result<_>>()
        .map_err(db_error)?;
    rules.bands = (!bands.is_empty()).then_some(bands);
    Ok(rules)
}

fn schede(conn: &Connection, series: i64, year: i32) -> Result<HashMap<String, Scheda>> {
    let mut out = HashMap::new();
    let mut stmt = conn
        .prepare_cached(
            "SELECT manager, individual, colloquio, max_pay, evaluator, notes, incarico_from,
                incarico_to, handed_over, remarks, review_requested, review_waived,
                review_decided, review_reason, acknowledged, midyear, midyear_notes FROM scheda
         WHERE series_id = ?1 AND year = ?2",
        )
        .map_err(db_error)?;
    let date =
        |d: Option<String>| d.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let rows = stmt
        .query_map(params![series, year], |r| {
            let colloquio: Option<String> = r.get(2)?;
            let incarico = date(r.get(6)?).zip(date(r.get(7)?));
            Ok((
                r.get::<_, String>(0)?,
                Scheda {
                    scores: Vec::new(),
                    individual: r.get(1)?,
                    objectives: Vec::new(),
                    revisions: Vec::new(),
                    colloquio: colloquio
                        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                    max_pay: r.get(3)?,
                    evaluator: r.get(4)?,
                    notes: r.get(5)?,
                    incarico,
                    interims: Vec::new(),
                    review: piano_domain::conciliation::Review {
                        handed_over: date(r.get(8)?),
                        remarks: r.get(9)?,
                        requested: date(r.get(10)?),
                        waived: r.get(11)?,
                        decided: date(r.get(12)?),
                        reason: r.get(13)?,
                        revised: Vec::new(),
                    },
                    acknowledged: date(r.get(14)?),
                    midyear: date(r.get(15)?),
                    midyear_notes: r.get(16)?,
                },
            ))
        })
        .map_err(db_error)?;
    for row in rows {
        let (k, s) = row.map_err(db_error)?;
        out.insert(k, s);
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT manager, position, score, note FROM scheda_score
         WHERE series_id = ?1 AND year = ?2 ORDER BY manager, position",
        )
        .map_err(db_error)?;
    let rows = stmt
        .query_map(params![series, year], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, usize>(1)?,
                r.get::<_, Option<u32>>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .map_err(db_error)?;
    for row in rows {
        let (k, pos, score, note) = row.map_err(db_error)?;
        if let Some(s) = out.get_mut(&k) {
            if s.scores.len() <= pos {
                s.scores.resize(pos + 1, (None, String::new()));
            }
            s.scores[pos] = (score, note);
        }
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT manager, position, score FROM scheda_review_score
         WHERE series_id = ?1 AND year = ?2 ORDER BY manager, position",
        )
        .map_err(db_error)?;
    let rows = stmt
        .query_map(params![series, year], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, usize>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })
        .map_err(db_error)?;
    for row in rows {
        let (k, pos, score) = row.map_err(db_error)?;
        if let Some(s) = out.get_mut(&k) {
            s.review.revised.push((pos, score));
        }
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT manager, description, weight, indicator, kind, direction, target, value,
                    achievement, note FROM scheda_individual
             WHERE series_id = ?1 AND year = ?2 ORDER BY manager, position",
        )
        .map_err(db_error)?;
    let rows = stmt
        .query_map(params![series, year], |r| {
            let kind = kind_of(&r.get::<_, String>(4)?);
            let value = |i: usize| -> rusqlite::Result<Option<Value>> {
                Ok(r.get::<_, Option<String>>(i)?
                    .and_then(|v| Value::decode(kind, &v)))
            };
            Ok((
                r.get::<_, String>(0)?,
                Individual {
                    description: r.get(1)?,
                    weight: r.get(2)?,
                    indicator: r.get(3)?,
                    kind,
                    direction: if r.get::<_, String>(5)? == "decrescente" {
                        Direction::Decrescente
                    } else {
                        Direction::Crescente
                    },
                    target: value(6)?,
                    value: value(7)?,
                    typed: r.get(8)?,
                    note: r.get(9)?,
                },
            ))
        })
        .map_err(db_error)?;
    for row in rows {
        let (k, o) = row.map_err(db_error)?;
        if let Some(s) = out.get_mut(&k) {
            s.objectives.push(o);
        }
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT manager, revised_on, before, changes FROM scheda_revision
             WHERE series_id = ?1 AND year = ?2 ORDER BY manager, position",
        )
        .map_err(db_error)?;
    let rows = stmt
        .query_map(params![series, year], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .map_err(db_error)?;
    let lines = |t: String| t.split('\n').map(str::to_string).collect::<Vec<_>>();
    for row in rows {
        let (k, on, before, changes) = row.map_err(db_error)?;
        let (Some(s), Some(on)) = (out.get_mut(&k), date(Some(on))) else {
            continue;
        };
        s.revisions.push(Revision {
            on,
            before: lines(before),
            changes: lines(changes),
        });
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT manager, post, value, percent, start_on, end_on FROM scheda_interim
         WHERE series_id = ?1 AND year = ?2 ORDER BY manager, position",
        )
        .map_err(db_error)?;
    let rows = stmt
        .query_map(params![series, year], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })
        .map_err(db_error)?;
    for row in rows {
        let (k, post, value, percent, from, to) = row.map_err(db_error)?;
        let (Some(from), Some(to)) = (date(Some(from)), date(Some(to))) else {
            continue;
        };
        if let Some(s) = out.get_mut(&k) {
            s.interims.push(Interim {
                post,
                value,
                percent,
                from,
                to,
            });
        }
    }
    Ok(out)
}

/// The indicators of delay recorded for the year: the entity's (area none) and the areas'.
fn delays(conn: &Connection, series: i64, year: i32) -> Result<Vec<Delay>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT area, days, verifier, verification, verified_on FROM payment_delay
         WHERE series_id = ?1 AND year = ?2 ORDER BY area",
        )
        .map_err(db_error)?;
    let rows = stmt
        .query_map(params![series, year], |r| {
            let area: i64 = r.get(0)?;
            let on: Option<String> = r.get(4)?;
            Ok(Delay {
                area: (area != 0).then_some(AreaId::new(area)),
                days: r.get(1)?,
                verifier: r.get(2)?,
                verification: r.get(3)?,
                verified_on: on
                    .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
            })
        })
        .map_err(db_error)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db_error)
}

/// Replaces (or removes, none) one indicator of delay.
fn write_delay(
    conn: &Connection,
    series: i64,
    year: i32,
    area: Option<AreaId>,
    delay: Option<&Delay>,
) -> Result<()> {
    let area = area.map(AreaId::get);
    conn.execute(
        "DELETE FROM payment_delay WHERE series_id = ?1 AND year = ?2 AND area = ?3",
        params![series, year, area.unwrap_or(0)],
    )
    .map_err(db_error)?;
    if let Some(d) = delay {
        conn.execute(
            "INSERT INTO payment_delay (series_id, year, area, days, verifier, verification, verified_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                series,
                year,
                area.unwrap_or(0),
                d.days,
                d.verifier,
                d.verification,
                d.verified_on.map(|v| v.format("%Y-%m-%d").to_string())
            ],
        ).map_err(db_error)?;
    }
    Ok(())
}

/// The definitive evaluation: the assignment and the Nucleo's proposal.
fn validation(conn: &Connection, series: i64, year: i32) -> Result<Option<(Act, Option<Act>)>> {
    conn.query_row(
        "SELECT body, number, act_date, proposal_body, proposal_number, proposal_date
             FROM evaluation_validation WHERE series_id = ?1 AND year = ?2",
        params![series, year],
        |r| {
            let proposal_date: Option<String> = r.get(5)?;
            Ok((
                Act {
                    body: r.get(0)?,
                    number: r.get(1)?,
                    date: r.get(2)?,
                },
                proposal_date
                    .map(|date| -> rusqlite::Result<Act> {
                        Ok(Act {
                            body: r.get(3)?,
                            number: r.get(4)?,
                            date,
                        })
                    })
                    .transpose()?,
            ))
        },
    )
    .optional()
    .map_err(db_error)
}

impl Store {
    /// The evaluation rules of the plan's series for `year` (the defaults when none are set).
    pub fn evaluation_rules(&self, plan_id: i64, year: i32) -> Result<Rules> {
        rules(&self.conn, series_of(&self.conn, plan_id)?, year)
    }

    /// The schede of the year, by the manager's name key.
    pub fn schede(&self, plan_id: i64, year: i32) -> Result<HashMap<String, Scheda>> {
        schede(&self.conn, series_of(&self.conn, plan_id)?, year)
    }

    /// The definitive evaluation of the year (the assignment, and the Nucleo's proposal),
    /// if recorded.
    pub fn evaluation_validation(
        &self,
        plan_id: i64,
        year: i32,
    ) -> Result<Option<(Act, Option<Act>)>> {
        validation(&self.conn, series_of(&self.conn, plan_id)?, year)
    }

    /// The indicators of delay of the year (art. 4-bis DL 13/2023).
    pub fn payment_delays(&self, plan_id: i64, year: i32) -> Result<Vec<Delay>> {
        delays(&self.conn, series_of(&self.conn, plan_id)?, year)
    }
}

/// Replaces the rules of a year.
fn write_rules(conn: &Connection, series: i64, year: i32, r: &Rules) -> Result<()> {
    conn.execute(
        "DELETE FROM evaluation_rule WHERE series_id = ?1 AND year = ?2",
        params![series, year],
    )
    .map_err(db_error)?;
    conn.execute(
        "INSERT INTO evaluation_rule (series_id, year, organisational, behaviours, individual,
                                      scale_min, scale_max, combine, budget, position_budget,
                                      timeliness_mode, timeliness_quota, timeliness_graduation,
                                      prerequisite_rule, review_days)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            series,
            year,
            r.organisational,
            r.behaviours,
            r.individual,
            r.scale_min,
            r.scale_max,
            match r.combine {
                Combine::Media => "media",
                Combine::Pesata => "pesata",
            },
            r.budget,
            r.position_budget,
            r.timeliness.as_str(),
            r.timeliness_quota,
            piano_domain::pay::graduation_text(&r.timeliness_graduation),
            r.prerequisite.as_str(),
            r.review_days
        ],
    )
    .map_err(db_error)?;
    for (i, item) in r.items.iter().enumerate() {
        conn.execute(
            "INSERT INTO evaluation_item (series_id, year, position, name, description, weight,
                                          levels)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                series,
                year,
                i as i64,
                item.name,
                item.description,
                item.weight,
                item.levels.join("\n")
            ],
        )
        .map_err(db_error)?;
    }
    for b in r.bands.iter().flatten() {
        conn.execute(
            "INSERT INTO evaluation_band (series_id, year, min_score, share) VALUES (?1, ?2, ?3, ?4)",
            params![series, year, b.from, b.share],
        ).map_err(db_error)?;
    }
    Ok(())
}

fn iso(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// Replaces one manager's scheda.
fn write_scheda(
    conn: &Connection,
    series: i64,
    year: i32,
    manager: &str,
    s: &Scheda,
) -> Result<()> {
    let key = name_key(manager);
    conn.execute(
        "DELETE FROM scheda WHERE series_id = ?1 AND year = ?2 AND manager = ?3",
        params![series, year, key],
    )
    .map_err(db_error)?;
    conn.execute(
        "INSERT INTO scheda (series_id, year, manager, individual, colloquio, max_pay, evaluator,
                             notes, updated_at, incarico_from, incarico_to, handed_over, remarks,
                             review_requested, review_waived, review_decided, review_reason,
                             acknowledged, midyear, midyear_notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20)",
        params![
            series,
            year,
            key,
            s.individual,
            s.colloquio.map(|d| d.format("%Y-%m-%d").to_string()),
            s.max_pay,
            s.evaluator,
            s.notes,
            now(),
            s.incarico.map(|(f, _)| f.format("%Y-%m-%d").to_string()),
            s.incarico.map(|(_, t)| t.format("%Y-%m-%d").to_string()),
            iso(s.review.handed_over),
            s.review.remarks,
            iso(s.review.requested),
            s.review.waived,
            iso(s.review.decided),
            s.review.reason,
            iso(s.acknowledged),
            iso(s.midyear),
            s.midyear_notes
        ],
    )
    .map_err(db_error)?;
    for (i, score) in &s.review.revised {
        conn.execute(
            "INSERT INTO scheda_review_score (series_id, year, manager, position, score)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![series, year, key, *i as i64, score],
        )
        .map_err(db_error)?;
    }
    for (i, x) in s.interims.iter().enumerate() {
        conn.execute(
            "INSERT INTO scheda_interim (series_id, year, manager, position, post, value, percent,
                                         start_on, end_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                series,
                year,
                key,
                i as i64,
                x.post,
                x.value,
                x.percent,
                x.from.format("%Y-%m-%d").to_string(),
                x.to.format("%Y-%m-%d").to_string()
            ],
        )
        .map_err(db_error)?;
    }
    for (i, o) in s.objectives.iter().enumerate() {
        conn.execute(
            "INSERT INTO scheda_individual (series_id, year, manager, position, description,
                                            weight, indicator, kind, direction, target, value,
                                            achievement, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                series,
                year,
                key,
                i as i64,
                o.description,
                o.weight,
                o.indicator,
                kind_code(o.kind),
                o.direction.label(),
                o.target.map(Value::encode),
                o.value.map(Value::encode),
                o.typed,
                o.note
            ],
        )
        .map_err(db_error)?;
    }
    for (i, r) in s.revisions.iter().enumerate() {
        conn.execute(
            "INSERT INTO scheda_revision (series_id, year, manager, position, revised_on, before,
                                          changes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                series,
                year,
                key,
                i as i64,
                r.on.format("%Y-%m-%d").to_string(),
                r.before.join("\n"),
                r.changes.join("\n")
            ],
        )
        .map_err(db_error)?;
    }
    for (i, (score, note)) in s.scores.iter().enumerate() {
        conn.execute(
            "INSERT INTO scheda_score (series_id, year, manager, position, score, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![series, year, key, i as i64, score, note],
        )
        .map_err(db_error)?;
    }
    Ok(())
}

/// Records (the assignment and the Nucleo's proposal) or removes the definitive evaluation.
fn write_validation(
    conn: &Connection,
    series: i64,
    year: i32,
    acts: Option<(&Act, &Act)>,
) -> Result<()> {
    match acts {
        Some((a, p)) => conn
            .execute(
                "INSERT INTO evaluation_validation (series_id, year, body, number, act_date,
                                                proposal_body, proposal_number, proposal_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![series, year, a.body, a.number, a.date, p.body, p.number, p.date],
            )
            .map_err(db_error)?,
        None => conn
            .execute(
                "DELETE FROM evaluation_validation WHERE series_id = ?1 AND year = ?2",
                params![series, year],
            )
            .map_err(db_error)?,
    };
    Ok(())
}

/// The evaluation's writes, each in one transaction.
impl Store {
    /// The year's rules of a series.
    pub fn write_evaluation_rules(&mut self, series: i64, year: i32, rules: &Rules) -> Result<()> {
        self.with_tx(|tx| write_rules(tx, series, year, rules))
    }

    /// A manager's scheda; `rules`, when given, are written first as the year's rules (what
    /// was scored is kept with what it was scored against).
    pub fn write_scheda(
        &mut self,
        series: i64,
        year: i32,
        manager: &str,
        scheda: &Scheda,
        rules: Option<&Rules>,
    ) -> Result<()> {
        self.with_tx(|tx| {
            if let Some(rules) = rules {
                write_rules(tx, series, year, rules)?;
            }
            write_scheda(tx, series, year, manager, scheda)
        })
    }

    /// Several managers' schede at once, all or nothing (a filled sheet read back).
    pub fn write_schede(
        &mut self,
        series: i64,
        year: i32,
        schede: &[(String, Scheda)],
        rules: Option<&Rules>,
    ) -> Result<()> {
        self.with_tx(|tx| {
            if let Some(rules) = rules {
                write_rules(tx, series, year, rules)?;
            }
            for (manager, scheda) in schede {
                write_scheda(tx, series, year, manager, scheda)?;
            }
            Ok(())
        })
    }

    /// The indicator of payment delay of an area (`None`: the entity's), or none.
    pub fn write_payment_delay(
        &mut self,
        series: i64,
        year: i32,
        area: Option<AreaId>,
        delay: Option<&Delay>,
    ) -> Result<()> {
        self.with_tx(|tx| write_delay(tx, series, year, area, delay))
    }

    /// The definitive evaluation's acts (assignment, proposal), or none to revoke them;
    /// `rules`, when given, are written first as the year's rules.
    pub fn write_evaluation_validation(
        &mut self,
        series: i64,
        year: i32,
        acts: Option<(&Act, &Act)>,
        rules: Option<&Rules>,
    ) -> Result<()> {
        self.with_tx(|tx| {
            if let Some(rules) = rules {
                write_rules(tx, series, year, rules)?;
            }
            write_validation(tx, series, year, acts)
        })
    }
}
