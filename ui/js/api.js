// Every call to the Rust side, one documented function per command. Views never call
// `invoke` themselves. Errors arrive as { code, message, field } with an Italian message.
// The shapes of the answers are the JSDoc types of view-types.js, generated from the Rust
// structs (src-tauri/src/view_types.rs): read them there, never restate them here.

/**
 * Calls a command. Every failure reaches the views as { code, message, field } in Italian:
 * Tauri's own refusals (arguments missing or of the wrong type) arrive as English strings
 * and are translated here.
 */
export async function call(cmd, args = {}) {
  try {
    const started = performance.now();
    const value = await window.__TAURI__.core.invoke(cmd, viewArea !== null ? { viewArea, ...args } : args);
    perf.last = { cmd, ms: performance.now() - started, value };
    return value;
  } catch (err) {
    if (err && typeof err === 'object' && typeof err.message === 'string') throw err;
    throw {
      code: 'invalid_request',
      field: null,
      message: 'Richiesta non valida: dati mancanti o del tipo sbagliato. Aggiorna la schermata e riprova; se si ripete, riavvia il programma.',
    };
  }
}

const invoke = call;

/**
 * What the last call cost, for the benchmark (`cargo bench -p piano-obiettivi-app`): the
 * command, its round trip in ms (Rust, the IPC, the parse of the answer), the answer; and
 * the last redraw in ms. Reading it costs nothing when nobody does.
 */
export const perf = { last: null, render: 0 };
window.__pianoPerf = perf;

/**
 * The area the editor shows: every command that answers with a plan view answers with that
 * area's rows and texts (and every area's totals), not the whole plan's. Set by the editor.
 */
let viewArea = null;
export function setViewArea(id) {
  viewArea = id ?? null;
}

/** Database path and, if the file could not be opened, why. */
export const appInfo = () => invoke('app_info');
/** The plans in the database: [{ id, entity, title, first_year, last_year, areas, objectives, updated_at }]. */
export const listPlans = () => invoke('list_plans');
/** Creates a plan; `periods` is [{ first_year, last_year }]. Resolves to the new id. */
export const createPlan = (input, periods) => invoke('create_plan', { input, periods });
/** Changes entity, title, years, approval caption. Resolves to the plan view. */
export const updatePlan = (planId, input) => invoke('update_plan', { planId, input });
export const deletePlan = (planId) => invoke('delete_plan', { planId });
export const duplicatePlan = (planId) => invoke('duplicate_plan', { planId });
/** Loads the reference plan 2020-2022 as example data; resolves to its id. */
export const loadDemo = () => invoke('load_demo');
/**
 * The plan view the editor draws; every command below that edits the plan answers with one.
 * @returns {Promise<import('./view-types.js').PlanView>}
 */
export const planView = (planId) => invoke('plan_view', { planId });
/**
 * The objective form's preview of the period's total with the weight as typed (Rust's rule).
 * @returns {Promise<import('./view-types.js').WeightPreview>}
 */
export const weightPreview = (planId, areaId, periodId, placementId, weight) => invoke('weight_preview', { planId, areaId, periodId, placementId, weight });
export const addPeriod = (planId, period) => invoke('add_period', { planId, period });
export const deletePeriod = (planId, periodId) => invoke('delete_period', { planId, periodId });
export const addArea = (planId, name, manager) => invoke('add_area', { planId, name, manager });
export const updateArea = (planId, areaId, name, manager) => invoke('update_area', { planId, areaId, name, manager });
/** Moves an area up (delta -1) or down (+1). */
export const moveArea = (planId, areaId, delta) => invoke('move_area', { planId, areaId, delta });
export const deleteArea = (planId, areaId) => invoke('delete_area', { planId, areaId });
/** Adds an objective at the end of an area's period; `weight` is the text typed ("12,5"). */
export const addObjective = (planId, areaId, periodId, input, weight) => invoke('add_objective', { planId, areaId, periodId, input, weight });
/** Edits a row: its text (everywhere, if cross-cutting) and its weight here. */
export const updatePlacement = (planId, placementId, input, weight) => invoke('update_placement', { planId, placementId, input, weight });
export const duplicatePlacement = (planId, placementId) => invoke('duplicate_placement', { planId, placementId });
export const movePlacement = (planId, placementId, delta) => invoke('move_placement', { planId, placementId, delta });
export const movePlacementTo = (planId, placementId, areaId, periodId) => invoke('move_placement_to', { planId, placementId, areaId, periodId });
export const deletePlacement = (planId, placementId) => invoke('delete_placement', { planId, placementId });
/** Places an existing objective in another area too, with its own weight (cross-cutting). */
export const placeObjective = (planId, objectiveId, areaId, periodId, weight) => invoke('place_objective', { planId, objectiveId, areaId, periodId, weight });
/** Places an objective in several areas of a period at once: placements = [[areaId, weight], …]. */
export const placeObjectiveMany = (planId, objectiveId, periodId, placements) => invoke('place_objective_many', { planId, objectiveId, periodId, placements });
/** Gives a shared row its own copy of the text. */
export const detachPlacement = (planId, placementId) => invoke('detach_placement', { planId, placementId });
/** Asks where to save and writes the annex PDF; resolves to the path, or null if cancelled. */
export const printAnnex = (planId, draft, pagePerArea = true, targets = false, dup = false) => invoke('print_annex', { planId, draft, pagePerArea, targets, dup });
/** Asks where and exports the plan: format 'csv', 'xlsx' or 'json'. Resolves to the path or null. */
export const exportPlan = (planId, format) => invoke('export_plan', { planId, format });
/** Asks for a file to import and resolves to its preview (nothing written yet), or null. */
export const chooseImportFile = () => invoke('choose_import_file');
/** The preview of another sheet of the chosen workbook. */
export const previewImportSheet = (sheet) => invoke('preview_import_sheet', { sheet });
/** Imports the chosen file; `mergeLines` are the near copies to merge. Resolves to the new id. */
export const confirmImport = (sheet, entity, title, mergeLines) => invoke('confirm_import', { sheet, entity, title, mergeLines });
/** A new plan for the triennium starting at firstYear; mapping = [{ old_period_id, new: { first_year, last_year } | null }]. */
export const rollForward = (planId, firstYear, mapping) => invoke('roll_forward', { planId, firstYear, mapping });
/** Asks where and writes a backup copy of the whole database. */
export const backupDatabase = () => invoke('backup_database');
/** Asks for a backup and restores it (the current content is kept aside first). */
export const restoreDatabase = () => invoke('restore_database');
/**
 * The automatic copies: { last: copy|null, folder, second_place, second_error, error, notice }.
 * Waits for the day's copy started with the app; `notice` (a problem to say) comes once.
 * A copy is { name, made_text, reason_text, size, good, problem, plans, versions }.
 */
export const copyStatus = () => invoke('copy_status');
/** Every automatic copy, newest first, each checked. */
export const listCopies = () => invoke('list_copies');
/** Restores the automatic copy named `name` (the current content is kept aside first). */
export const restoreCopy = (name) => invoke('restore_copy', { name });
/** Asks for the second place's folder, writes a copy there; resolves to it, or null. */
export const chooseSecondPlace = () => invoke('choose_second_place');
/** Stops writing the copies to a second place. */
export const clearSecondPlace = () => invoke('clear_second_place');
/** When the database could not be opened: puts the offered copy `name` in its place. */
export const recoverDatabase = (name) => invoke('recover_database', { name });
/** The plan's versions, oldest first: [{ plan_id, version, latest, act, label }]. */
export const listVersions = (planId) => invoke('list_versions', { planId });
/** The checks before approval: [{ severity, message, area_id, period_id }]. */
export const approvalChecks = (planId) => invoke('approval_checks', { planId });
/** Records the approving act { body, number, date }; warnings need confirmWarnings. Resolves to the plan view. */
export const approvePlan = (planId, act, confirmWarnings) => invoke('approve_plan', { planId, act, confirmWarnings });
/** Withdraws the latest version's approval; `number` is the act's number retyped. */
export const revokeApproval = (planId, number) => invoke('revoke_approval', { planId, number });
/** Starts a variation of the approved plan; resolves to the new version's id. */
export const varyPlan = (planId) => invoke('vary_plan', { planId });
/** Asks where and writes the change annex ('pdf' or 'csv'); resolves to the path or null. */
export const printChanges = (planId, format) => invoke('print_changes', { planId, format });
/** Whether the area's manager pays invoices (payment-timeliness rule from 2024). */
export const setAreaPaysInvoices = (planId, areaId, pays) => invoke('set_area_pays_invoices', { planId, areaId, pays });
/** Marks a row's objective as the payment-timeliness objective, or unmarks it. */
export const setObjectiveTimeliness = (planId, placementId, on) => invoke('set_objective_timeliness', { planId, placementId, on });
/** Adds the standard payment-timeliness objective at 30% wherever it is missing. */
export const addTimelinessObjective = (planId) => invoke('add_timeliness_objective', { planId });
/** Asks for a sheet and resolves to what it would change in the version in preparation ({ file_name, lines }), or null. */
export const previewUpdateFromSheet = (planId) => invoke('preview_update_from_sheet', { planId });
/** Writes the previewed sheet into the version in preparation; resolves to the plan view. */
export const confirmUpdateFromSheet = (planId) => invoke('confirm_update_from_sheet', { planId });
/** Opens a file written in this session in the system's viewer. */
export const openFile = (path) => invoke('open_file', { path });
/** The years results can be entered for (the plan must be approved): [{ year, closed }], closed when its Relazione is approved. */
export const resultYears = (planId) => invoke('result_years', { planId });
/** The year's results on the latest approved version: { plan_id, year, relazione, bands, band_labels, areas: [{ area_id, name, rows, score, band, share, missing }] }. */
export const yearResults = (planId, year) => invoke('year_results', { planId, year });
/** Saves one row's result; item = { kind: 'objective'|'prerequisite', id }, input = { value, achievement, note } (all empty: clears). Resolves to the year's results. */
export const setResult = (planId, year, areaId, item, input) => invoke('set_result', { planId, year, areaId, item, input });
/** The area's score with the percentages as typed (typed = [[item, text], …]); nothing saved. */
export const previewScore = (planId, year, areaId, typed, values = []) => invoke('preview_score', { planId, year, areaId, typed, values });
/** Replaces the bands, typed one per line as "60: proporzionale" or "90: 100". */
export const setBands = (planId, year, text) => invoke('set_bands', { planId, year, text });
export const addPrerequisite = (planId, year, description, indicator) => invoke('add_prerequisite', { planId, year, description, indicator });
export const deletePrerequisite = (planId, year, prerequisiteId) => invoke('delete_prerequisite', { planId, year, prerequisiteId });
/** Records the act approving the year's Relazione { body, number, date }: the year's results freeze. */
export const approveRelazione = (planId, year, act) => invoke('approve_relazione', { planId, year, act });
export const revokeRelazione = (planId, year, number) => invoke('revoke_relazione', { planId, year, number });
/** The Nucleo's validation of the approved Relazione: without it no result pay is payable. */
export const validateRelazione = (planId, year, act) => invoke('validate_relazione', { planId, year, act });
export const revokeRelazioneValidation = (planId, year, number) => invoke('revoke_relazione_validation', { planId, year, number });
/** Asks where and writes the sheet for the managers ('xlsx' or 'csv'); resolves to the path or null. */
export const exportResultsSheet = (planId, year, format) => invoke('export_results_sheet', { planId, year, format });
/** Asks for a filled sheet and imports it; resolves to { count, results } or null. */
export const importResultsSheet = (planId, year) => invoke('import_results_sheet', { planId, year });
/** Asks where and writes the results annex ('pdf') or the publication table ('csv', 'xlsx'). */
export const printResults = (planId, year, format) => invoke('print_results', { planId, year, format });

// Measurable objectives: indicators, targets, and the targets read from the expected result.
/** One objective's indicators (fields as text), the proposals from its words, the plan's years. */
export const objectiveIndicators = (planId, objectiveId) => invoke('objective_indicators', { planId, objectiveId });
/** Every objective's proposals: [{ objective_id, areas, years, description, proposals }]. */
export const planProposals = (planId) => invoke('plan_proposals', { planId });
/** Adds an indicator; `input` = { kind, unit, direction, baseline, baseline_year, targets: [{ year, value }], source, weight }. Resolves to the plan view. */
export const addIndicator = (planId, objectiveId, input) => invoke('add_indicator', { planId, objectiveId, input });
export const updateIndicator = (planId, indicatorId, input) => invoke('update_indicator', { planId, indicatorId, input });
export const deleteIndicator = (planId, indicatorId) => invoke('delete_indicator', { planId, indicatorId });
/** Accepts proposals: all of the plan (objectiveId null), an objective's (index null), or one. */
export const acceptProposals = (planId, objectiveId = null, index = null) => invoke('accept_proposals', { planId, objectiveId, index });

// Monitoring during the year.
/** { dates: [iso], monitor: Monitor | null } at `date` (iso or dd/mm/yyyy), else the latest. */
export const monitorScreen = (planId, date = null) => invoke('monitor_screen', { planId, date });
export const addMonitorDate = (planId, date) => invoke('add_monitor_date', { planId, date });
export const deleteMonitorDate = (planId, date) => invoke('delete_monitor_date', { planId, date });
/** Records one objective's entry; `input` = { progress, values: [[id, text]], status, issues, action, action_text }. */
export const setMonitorEntry = (planId, date, areaId, objectiveId, input) => invoke('set_monitor_entry', { planId, date, areaId, objectiveId, input });
/** The status the rule proposes for a progress being typed (a label), nothing saved. */
export const proposeStatus = (planId, date, areaId, objectiveId, progress) => invoke('propose_status', { planId, date, areaId, objectiveId, progress });
export const setMonitorThresholds = (planId, date, text) => invoke('set_monitor_thresholds', { planId, date, text });
export const exportMonitorSheet = (planId, date, format) => invoke('export_monitor_sheet', { planId, date, format });
export const importMonitorSheet = (planId, date) => invoke('import_monitor_sheet', { planId, date });
export const printMonitorReport = (planId, date, format) => invoke('print_monitor_report', { planId, date, format });
/** The editor's «Scadenze»: [{ date, objective_id, area_id, period_id, area, description, target, overdue }]. */
export const deadlines = (planId) => invoke('deadlines', { planId });
/** The proposals of variation made at monitoring dates. */
export const variationProposals = (planId) => invoke('variation_proposals', { planId });

// Each manager's evaluation.
export const evaluationView = (planId, year) => invoke('evaluation_view', { planId, year });
/** The evaluation with one scheda as typed, nothing saved. */
export const previewScheda = (planId, year, manager, input) => invoke('preview_scheda', { planId, year, manager, input });
export const setScheda = (planId, year, manager, input) => invoke('set_scheda', { planId, year, manager, input });
export const setEvaluationRules = (planId, year, input) => invoke('set_evaluation_rules', { planId, year, input });
/** The indicatore di ritardo annuale: `input` = { area: id | null (the entity's), days, verifier, verification, verified_on }; empty days remove it. */
export const setPaymentDelay = (planId, year, input) => invoke('set_payment_delay', { planId, year, input });
/** The definitive evaluation: `acts` = { proposal: act (the Nucleo's), assignment: act (Sindaco/Presidente) }. */
export const validateEvaluation = (planId, year, acts) => invoke('validate_evaluation', { planId, year, acts });
export const revokeEvaluation = (planId, year, number) => invoke('revoke_evaluation', { planId, year, number });
/** `what`: schede, summary-pdf, summary-xlsx, publish-csv, publish-xlsx. */
/** Writes a print of the evaluation; `manager` (optional) restricts the schede di assegnazione to one person. */
export const printEvaluation = (planId, year, what, manager = null) => invoke('print_evaluation', { planId, year, what, manager });
/** Asks where and writes the managers' sheet of individual objectives ('xlsx' or 'csv'); the path or null. */
export const exportIndividualSheet = (planId, year, format) => invoke('export_individual_sheet', { planId, year, format });
/** Asks for the filled sheet of individual objectives and imports it; { count, evaluation } or null. */
export const importIndividualSheet = (planId, year) => invoke('import_individual_sheet', { planId, year });

/** The «Albero della performance» of a plan version: { plan_id, title, version, goals, mission, tree }. */
export const dupTree = (planId, mission = null) => invoke('dup_tree', { planId, mission });
/** Asks for a DUP sheet and replaces the version's tree with it, all or nothing; the tree screen or null. */
export const importDupSheet = (planId) => invoke('import_dup_sheet', { planId });
/** Saves the version's DUP as a sheet ('xlsx' or 'csv'); the path or null. */
export const exportDupSheet = (planId, format) => invoke('export_dup_sheet', { planId, format });
/** Links objectives to an operational objective (code '' unlinks); the editor's view of `area`. */
export const linkOperational = (planId, objectives, code, area) => invoke('link_operational', { planId, objectives, code, area });
/** Prints the «Albero della performance» (PDF/A); the path or null. */
export const printDupTree = (planId) => invoke('print_dup_tree', { planId });
/** The operational objectives an objective can be linked to: [[code, title]], in the tree's order. */
export const dupChoices = (planId) => invoke('dup_choices', { planId });

// Documents: drafts and charts
export const saveDraft = (planId, kind, year, format) => invoke('save_draft', { planId, kind, year, format });
export const resultsCharts = (planId, year) => invoke('results_charts', { planId, year });
export const monitoringChart = (planId, year) => invoke('monitoring_chart', { planId, year });

// The guide's chapters (ui/guida/, rendered by the core)
export const guide = () => invoke('guide');

// The year's cycle
export const yearCycle = (planId, year) => invoke('year_cycle', { planId, year });
export const recordCycleAct = (planId, year, step, act) => invoke('record_cycle_act', { planId, year, step, act });
export const setCycleDeadline = (planId, year, step, date) => invoke('set_cycle_deadline', { planId, year, step, date });
