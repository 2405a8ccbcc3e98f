//! The DUP's objectives as values: the two levels, a strategic or operational objective,
//! the budget's Missioni and Programmi (D.Lgs. 118/2011, all. 14) and the codes' order. The
//! checks, the coverage and the tree are `dup`'s; this module imports no other of the
//! domain's but typed text, so that the plan's model can hold a tree.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::text::name_key;

/// The DUP's two levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Obiettivo strategico (Sezione Strategica).
    Strategic,
    /// Obiettivo operativo (Sezione Operativa), below a strategic one.
    Operational,
}

impl Level {
    /// The word the sheet's «Livello» column carries.
    pub fn word(self) -> &'static str {
        match self {
            Level::Strategic => "strategico",
            Level::Operational => "operativo",
        }
    }

    /// The level a «Livello» cell names: «strategico», «operativo», S, O, SeS, SeO.
    pub fn parse(text: &str) -> Option<Level> {
        match name_key(text).as_str() {
            "strategico" | "s" | "obiettivo strategico" | "ses" => Some(Level::Strategic),
            "operativo" | "o" | "obiettivo operativo" | "seo" => Some(Level::Operational),
            _ => None,
        }
    }
}

/// One objective of the DUP, strategic or operational.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Goal {
    pub code: String,
    pub level: Level,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The strategic objective's *ambito strategico* or line of the mandate (free text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope: String,
    /// An operational objective's strategic objective (its code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Missione (1-99) and Programma of the budget's classification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mission: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<u8>,
    /// The areas responsible (ids of the plan's areas), in the plan's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<crate::ids::AreaId>,
}

impl Goal {
    /// «01.02 Segreteria generale», «01 Servizi istituzionali, generali e di gestione», or "".
    pub fn classification(&self) -> String {
        match (self.mission, self.programme) {
            (Some(m), Some(p)) => format!(
                "Missione {m:02} – Programma {m:02}.{p:02} {}",
                programme_name(m, p).unwrap_or("")
            ),
            (Some(m), None) => format!("Missione {m:02} {}", mission_name(m).unwrap_or("")),
            _ => String::new(),
        }
    }
}

/// The budget's missions and programmes for local authorities (D.Lgs. 118/2011, all. 14,
/// as the schema of the budget lists them): (missione, name, programmes).
pub const MISSIONS: &[(u8, &str, &[&str])] = &[
    (1, "Servizi istituzionali, generali e di gestione", &[
        "Organi istituzionali",
        "Segreteria generale",
        "Gestione economica, finanziaria, programmazione e provveditorato",
        "Gestione delle entrate tributarie e servizi fiscali",
        "Gestione dei beni demaniali e patrimoniali",
        "Ufficio tecnico",
        "Elezioni e consultazioni popolari - Anagrafe e stato civile",
        "Statistica e sistemi informativi",
        "Assistenza tecnico-amministrativa agli enti locali",
        "Risorse umane",
        "Altri servizi generali",
        "Politica regionale unitaria per i servizi istituzionali, generali e di gestione",
    ]),
    (2, "Giustizia", &[
        "Uffici giudiziari",
        "Casa circondariale e altri servizi",
        "Politica regionale unitaria per la giustizia",
    ]),
    (3, "Ordine pubblico e sicurezza", &[
        "Polizia locale e amministrativa",
        "Sistema integrato di sicurezza urbana",
        "Politica regionale unitaria per l'ordine pubblico e la sicurezza",
    ]),
    (4, "Istruzione e diritto allo studio", &[
        "Istruzione prescolastica",
        "Altri ordini di istruzione non universitaria",
        "Edilizia scolastica",
        "Istruzione universitaria",
        "Istruzione tecnica superiore",
        "Servizi ausiliari all'istruzione",
        "Diritto allo studio",
        "Politica regionale unitaria per l'istruzione e il diritto allo studio",
    ]),
    (5, "Tutela e valorizzazione dei beni e delle attività culturali", &[
        "Valorizzazione dei beni di interesse storico",
        "Attività culturali e interventi diversi nel settore culturale",
        "Politica regionale unitaria per la tutela dei beni e delle attività culturali",
    ]),
    (6, "Politiche giovanili, sport e tempo libero", &[
        "Sport e tempo libero",
        "Giovani",
        "Politica regionale unitaria per i giovani, lo sport e il tempo libero",
    ]),
    (7, "Turismo", &[
        "Sviluppo e valorizzazione del turismo",
        "Politica regionale unitaria per il turismo",
    ]),
    (8, "Assetto del territorio ed edilizia abitativa", &[
        "Urbanistica e assetto del territorio",
        "Edilizia residenziale pubblica e locale e piani di edilizia economico-popolare",
        "Politica regionale unitaria per l'assetto del territorio e l'edilizia abitativa",
    ]),
    (9, "Sviluppo sostenibile e tutela del territorio e dell'ambiente", &[
        "Difesa del suolo",
        "Tutela, valorizzazione e recupero ambientale",
        "Rifiuti",
        "Servizio idrico integrato",
        "Aree protette, parchi naturali, protezione naturalistica e forestazione",
        "Tutela e valorizzazione delle risorse idriche",
        "Sviluppo sostenibile territorio montano piccoli Comuni",
        "Qualità dell'aria e riduzione dell'inquinamento",
        "Politica regionale unitaria per lo sviluppo sostenibile e la tutela del territorio e dell'ambiente",
    ]),
    (10, "Trasporti e diritto alla mobilità", &[
        "Trasporto ferroviario",
        "Trasporto pubblico locale",
        "Trasporto per vie d'acqua",
        "Altre modalità di trasporto",
        "Viabilità e infrastrutture stradali",
        "Politica regionale unitaria per i trasporti e il diritto alla mobilità",
    ]),
    (11, "Soccorso civile", &[
        "Sistema di protezione civile",
        "Interventi a seguito di calamità naturali",
        "Politica regionale unitaria per il soccorso e la protezione civile",
    ]),
    (12, "Diritti sociali, politiche sociali e famiglia", &[
        "Interventi per l'infanzia e i minori e per asili nido",
        "Interventi per la disabilità",
        "Interventi per gli anziani",
        "Interventi per soggetti a rischio di esclusione sociale",
        "Interventi per le famiglie",
        "Interventi per il diritto alla casa",
        "Programmazione e governo della rete dei servizi sociosanitari e sociali",
        "Cooperazione e associazionismo",
        "Servizio necroscopico e cimiteriale",
        "Politica regionale unitaria per i diritti sociali e la famiglia",
    ]),
    (13, "Tutela della salute", &[
        "Servizio sanitario regionale - finanziamento ordinario corrente per la garanzia dei LEA",
        "Servizio sanitario regionale - finanziamento aggiuntivo corrente per livelli di assistenza superiori ai LEA",
        "Servizio sanitario regionale - finanziamento aggiuntivo corrente per la copertura dello squilibrio di bilancio corrente",
        "Servizio sanitario regionale - ripiano di disavanzi sanitari relativi ad esercizi pregressi",
        "Servizio sanitario regionale - investimenti sanitari",
        "Servizio sanitario regionale - restituzione maggiori gettiti SSN",
        "Ulteriori spese in materia sanitaria",
        "Politica regionale unitaria per la tutela della salute",
    ]),
    (14, "Sviluppo economico e competitività", &[
        "Industria, PMI e Artigianato",
        "Commercio - reti distributive - tutela dei consumatori",
        "Ricerca e innovazione",
        "Reti e altri servizi di pubblica utilità",
        "Politica regionale unitaria per lo sviluppo economico e la competitività",
    ]),
    (15, "Politiche per il lavoro e la formazione professionale", &[
        "Servizi per lo sviluppo del mercato del lavoro",
        "Formazione professionale",
        "Sostegno all'occupazione",
        "Politica regionale unitaria per il lavoro e la formazione professionale",
    ]),
    (16, "Agricoltura, politiche agroalimentari e pesca", &[
        "Sviluppo del settore agricolo e del sistema agroalimentare",
        "Caccia e pesca",
        "Politica regionale unitaria per l'agricoltura, i sistemi agroalimentari, la caccia e la pesca",
    ]),
    (17, "Energia e diversificazione delle fonti energetiche", &[
        "Fonti energetiche",
        "Politica regionale unitaria per l'energia e la diversificazione delle fonti energetiche",
    ]),
    (18, "Relazioni con le altre autonomie territoriali e locali", &[
        "Relazioni finanziarie con le altre autonomie territoriali",
        "Politica regionale unitaria per le relazioni con le altre autonomie locali",
    ]),
    (19, "Relazioni internazionali", &[
        "Relazioni internazionali e Cooperazione allo sviluppo",
        "Cooperazione territoriale",
    ]),
    (20, "Fondi e accantonamenti", &[
        "Fondo di riserva",
        "Fondo crediti di dubbia esigibilità",
        "Altri fondi",
    ]),
    (50, "Debito pubblico", &[
        "Quota interessi ammortamento mutui e prestiti obbligazionari",
        "Quota capitale ammortamento mutui e prestiti obbligazionari",
    ]),
    (60, "Anticipazioni finanziarie", &["Restituzione anticipazioni di tesoreria"]),
    (99, "Servizi per conto terzi", &[
        "Servizi per conto terzi e Partite di giro",
        "Anticipazioni per il finanziamento del sistema sanitario nazionale",
    ]),
];

pub fn mission_name(m: u8) -> Option<&'static str> {
    MISSIONS
        .iter()
        .find(|(c, _, _)| *c == m)
        .map(|(_, n, _)| *n)
}

pub fn programme_name(m: u8, p: u8) -> Option<&'static str> {
    let (_, _, programmes) = MISSIONS.iter().find(|(c, _, _)| *c == m)?;
    programmes.get(usize::from(p).checked_sub(1)?).copied()
}

/// The leading code of a cell: «01», «1», «01.02», «1.2», «01 - Servizi …» → its numbers.
fn code_numbers(cell: &str) -> Option<Vec<u8>> {
    let head: String = cell
        .trim()
        .trim_start_matches(|c: char| c.is_alphabetic() || c == ' ')
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let parts: Vec<&str> = head.trim_end_matches('.').split('.').collect();
    if parts.iter().any(|p| p.is_empty() || p.len() > 2) {
        return None;
    }
    parts.iter().map(|p| p.parse().ok()).collect()
}

/// Missione and Programma, each when given.
pub type Classification = (Option<u8>, Option<u8>);

/// Missione and Programma as typed in two cells (the Programma alone may say both, «01.02»
/// or «1.2»). Ok((None, None)) when both are blank; an unknown code is refused.
pub fn parse_classification(
    mission: &str,
    programme: &str,
) -> std::result::Result<Classification, (&'static str, String)> {
    let (mission, programme) = (mission.trim(), programme.trim());
    let m = if mission.is_empty() {
        None
    } else {
        match code_numbers(mission).as_deref() {
            Some([m]) if mission_name(*m).is_some() => Some(*m),
            Some([m]) => {
                return Err(("Missione", format!(
                    "la Missione «{mission}» non esiste nel bilancio (D.Lgs. 118/2011, all. 14): le missioni vanno da 01 a 20, più 50, 60 e 99. Scrivi il codice, per esempio 01, o lascia la cella vuota (letto: {m})."
                )))
            }
            _ => {
                return Err(("Missione", format!(
                    "«{mission}» non è un codice di Missione: scrivi il numero della missione, per esempio 01 o 1."
                )))
            }
        }
    };
    if programme.is_empty() {
        return Ok((m, None));
    }
    let (pm, p) = match code_numbers(programme).as_deref() {
        Some([p]) => (None, *p),
        Some([pm, p]) => (Some(*pm), *p),
        _ => {
            return Err(("Programma", format!(
                "«{programme}» non è un codice di Programma: scrivi 02 (con la Missione nella sua colonna) oppure 01.02 (Missione 01, Programma 02)."
            )))
        }
    };
    let mission = match (m, pm) {
        (Some(a), Some(b)) if a != b => {
            return Err(("Programma", format!(
                "il Programma «{programme}» appartiene alla Missione {b:02}, ma la colonna «Missione» dice {a:02}: correggi una delle due."
            )))
        }
        (Some(a), _) => a,
        (None, Some(b)) if mission_name(b).is_some() => b,
        (None, Some(b)) => {
            return Err(("Programma", format!(
                "la Missione {b:02} del Programma «{programme}» non esiste nel bilancio (D.Lgs. 118/2011, all. 14)."
            )))
        }
        (None, None) => {
            return Err(("Missione", format!(
                "il Programma «{programme}» non dice la sua Missione: scrivila nella colonna «Missione» o scrivi il Programma come 01.02."
            )))
        }
    };
    match programme_name(mission, p) {
        Some(_) => Ok((Some(mission), Some(p))),
        None => Err(("Programma", format!(
            "la Missione {mission:02} non ha un Programma {p:02} (D.Lgs. 118/2011, all. 14): ne ha da 01 a {:02}.",
            MISSIONS.iter().find(|(c, _, _)| *c == mission).map_or(0, |(_, _, ps)| ps.len())
        ))),
    }
}

/// A code's order: «1.2» before «1.10», «2» after «1.10»; words after numbers.
pub fn code_key(code: &str) -> Vec<(u64, String)> {
    code.split(['.', ' ', '-', '/'])
        .filter(|s| !s.is_empty())
        .map(|s| match s.parse::<u64>() {
            Ok(n) => (n, String::new()),
            Err(_) => (u64::MAX, s.to_lowercase()),
        })
        .collect()
}

/// The tree's order: each strategic objective by code, followed by its operational ones by
/// code (orphans, which a checked tree has none of, last).
pub fn tree_order(goals: &mut [Goal]) {
    let strategic: HashMap<String, Vec<(u64, String)>> = goals
        .iter()
        .filter(|g| g.level == Level::Strategic)
        .map(|g| (g.code.clone(), code_key(&g.code)))
        .collect();
    goals.sort_by_cached_key(|g| match g.level {
        Level::Strategic => (code_key(&g.code), 0, Vec::new()),
        Level::Operational => (
            g.parent
                .as_ref()
                .and_then(|p| strategic.get(p))
                .cloned()
                .unwrap_or_else(|| vec![(u64::MAX, String::new())]),
            1,
            code_key(&g.code),
        ),
    });
}
