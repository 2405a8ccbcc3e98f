// The values the Rust commands answer with, as JSDoc types. GENERATED from the Rust
// structs and their doc comments by src-tauri/src/view_types.rs: do not edit. After
// changing a struct, run
//   PIANO_BLESS=1 cargo test -p piano-obiettivi-app --lib view_types
// Weights and scores are integer hundredths (12,5% is 1250); maps keyed by an id have
// the id as a string key, as JSON writes it.
export {};

/**
 * What every command that edits a plan answers with: the editor draws exactly this.
 * @typedef {Object} PlanView
 * @property {(number|null)} [area_id] - The area whose rows the view carries: the one asked for, else the first.
 * @property {number} dup_operational - How many operational objectives the plan's DUP has (the tree itself does not travel with every edit: the objective form asks for its choices, `dup_choices`).
 * @property {FullPlan} plan - The plan, with the rows and texts of the shown area only (`area_id`): its placements, their objectives, and those objectives' placements in other areas (a cross-cutting text's other weights). Areas, periods and the report are the whole plan's.
 * @property {Object<string, number>} proposals - Per shown objective: how many targets its expected result states that no indicator says yet.
 * @property {Report} report - Every area's totals (the badges) and every problem: computed on the whole plan.
 * @property {string} saved_at - When the change was saved, as the status bar shows it ("14:32").
 * @property {Object<string, number>} shared - How many areas and periods each shown objective is placed in (2 or more: cross-cutting).
 * @property {Object<string, Array<string>>} targets - Per shown objective with indicators: a line per indicator with its targets ("numero: 2020 ≥ 3 atti di liquidazione").
 * @property {VersionInfo} version - Which version this is and whether it is approved (then the editor is read-only).
 */

/**
 * What the objective form shows under the weight while it is typed: the period's total with the weight read as the core reads it (`Weight::parse`), `ok` when that makes 100%; while the text is not a weight, what the period's other objectives add up to. `others`: the period's total without the row being edited.
 * @typedef {Object} WeightPreview
 * @property {(boolean|null)} [ok] - null while the text is not a weight.
 * @property {string} text
 */

/**
 * The act that approved a version.
 * @typedef {Object} Act
 * @property {string} body
 * @property {string} date - ISO date, e.g. 2020-02-15.
 * @property {string} number
 */

/**
 * @typedef {Object} Area
 * @property {number} id
 * @property {string} manager
 * @property {string} name
 * @property {boolean} [pays_invoices] - The manager pays commercial invoices: from 2024 the area needs the payment-timeliness objective (art. 4-bis DL 13/2023). On unless unticked.
 * @property {number} plan_id
 * @property {number} position
 */

/**
 * The total of one area in one period.
 * @typedef {Object} CellTotal
 * @property {string} area
 * @property {number} area_id
 * @property {string} badge - "100%", "90% – mancano 10", "110% – 10 in eccesso"
 * @property {number} objectives
 * @property {boolean} ok
 * @property {string} period
 * @property {number} period_id
 * @property {string} room - The weight that brings the cell to 100% ("10"), blank when it is full or over: what a new row of the cell is offered.
 * @property {number} total - Hundredths: 10000 is 100%.
 */

/**
 * Higher is better, or lower is better.
 * @typedef {('crescente'|'decrescente')} Direction
 */

/**
 * One plan with everything in it, in the annex's order: areas by position, periods by year, placements by position.
 * @typedef {Object} FullPlan
 * @property {Array<Area>} areas
 * @property {Array<Goal>} [dup] - The DUP's tree (strategic and operational objectives) in the tree's order; empty when the plan has none (and then left out of a JSON copy).
 * @property {Array<Indicator>} [indicators] - The objectives' indicators, by objective then position (left out of a JSON copy when there are none, so that older copies stay byte for byte the same).
 * @property {Array<Objective>} objectives
 * @property {Array<Period>} periods
 * @property {Array<Placement>} placements
 * @property {Plan} plan
 */

/**
 * One objective of the DUP, strategic or operational.
 * @typedef {Object} Goal
 * @property {Array<number>} [areas] - The areas responsible (ids of the plan's areas), in the plan's order.
 * @property {string} code
 * @property {string} [description]
 * @property {Level} level
 * @property {(number|null)} [mission] - Missione (1-99) and Programma of the budget's classification.
 * @property {(string|null)} [parent] - An operational objective's strategic objective (its code).
 * @property {(number|null)} [programme]
 * @property {string} [scope] - The strategic objective's *ambito strategico* or line of the mandate (free text).
 * @property {string} title
 */

/**
 * An indicator, checked.
 * @typedef {Object} Indicator
 * @property {(Value|null)} [baseline]
 * @property {(number|null)} [baseline_year]
 * @property {Direction} direction
 * @property {number} id
 * @property {IndicatorKind} kind
 * @property {number} objective_id
 * @property {string} source - Where the value comes from (*fonte*).
 * @property {Array<Target>} targets - By year.
 * @property {string} unit - "atti di liquidazione", "giorni", "%"; for a ratio, "A / B" (the names of both).
 * @property {number} weight - Relative weight inside the objective, hundredths (100 each: equal).
 */

/**
 * What an indicator measures.
 * @typedef {('numero'|'percentuale'|'giorni'|'scadenza'|'sino'|'rapporto')} IndicatorKind
 */

/**
 * The DUP's two levels.
 * @typedef {('strategic'|'operational')} Level
 */

/**
 * @typedef {Object} Objective
 * @property {number} id
 * @property {(string|null)} [operational] - The code of the DUP's operational objective it carries out (`dup`), if linked.
 * @property {number} plan_id
 * @property {ObjectiveText} text
 * @property {boolean} [timeliness] - This is the payment-timeliness objective.
 */

/**
 * S sviluppo (development) or M mantenimento (maintenance).
 * @typedef {('S'|'M')} ObjectiveKind
 */

/**
 * An objective's text, checked.
 * @typedef {Object} ObjectiveText
 * @property {string} description
 * @property {string} expected_result
 * @property {string} indicator
 * @property {ObjectiveKind} kind
 * @property {string} service
 */

/**
 * @typedef {Object} Period
 * @property {number} first_year
 * @property {number} id
 * @property {string} label
 * @property {number} last_year
 * @property {number} plan_id
 */

/**
 * An objective placed in an area and a period, with its weight and its order there.
 * @typedef {Object} Placement
 * @property {number} area_id
 * @property {number} id
 * @property {number} objective_id
 * @property {number} period_id
 * @property {number} position
 * @property {Weight} weight
 */

/**
 * @typedef {Object} Plan
 * @property {string} approval
 * @property {string} entity
 * @property {number} first_year
 * @property {number} id
 * @property {number} last_year
 * @property {string} title
 */

/**
 * @typedef {Object} Problem
 * @property {(number|null)} [area_id]
 * @property {ProblemKind} kind
 * @property {string} message
 * @property {(number|null)} [period_id]
 * @property {Severity} severity
 */

/**
 * @typedef {('no_periods'|'missing'|'excess'|'empty'|'no_areas'|'near_copy'|'timeliness'|'incomplete'|'unlinked'|'uncovered')} ProblemKind
 */

/**
 * @typedef {Object} Report
 * @property {Array<Problem>} problems
 * @property {Array<CellTotal>} totals
 */

/**
 * @typedef {('error'|'warning'|'info')} Severity
 */

/**
 * One target: the year and the value.
 * @typedef {Object} Target
 * @property {Value} value
 * @property {number} year
 */

/**
 * A target, a baseline or a measured value.
 * @typedef {({type: 'amount', v: number}|{type: 'date', v: string}|{type: 'flag', v: boolean})} Value
 */

/**
 * One version of a plan, as the plan list, the editor and `piano versions` show it.
 * @typedef {Object} VersionInfo
 * @property {(Act|null)} [act]
 * @property {string} label - "Proposta – in preparazione", "Variazione n. 1 – in preparazione", "Versione approvata con delibera n. 45 del 12/07/2021".
 * @property {boolean} latest
 * @property {number} plan_id
 * @property {number} series_id
 * @property {number} version
 */

/**
 * An objective's weight in hundredths of a percentage point: 12,5% is `Weight(1250)`. Integers, so that totals are exact.
 * @typedef {number} Weight
 */
