-- The year's cycle on one screen (issue 33). Two acts the app did not hold yet: the PIAO's
-- adoption (DL 80/2021 art. 6; DM 132/2022) and the payment of the result pay (the
-- determina); and the deadlines the office sets in place of the law's defaults (the SMVP's
-- own dates), per series and year and step.
CREATE TABLE cycle_act (
    series_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    year      INTEGER NOT NULL,
    step      TEXT NOT NULL CHECK (step IN ('piao', 'pagamento')),
    body      TEXT NOT NULL,
    number    TEXT NOT NULL,
    act_date  TEXT NOT NULL,
    PRIMARY KEY (series_id, year, step)
);

CREATE TABLE cycle_deadline (
    series_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    year      INTEGER NOT NULL,
    step      TEXT NOT NULL,
    due       TEXT NOT NULL,
    PRIMARY KEY (series_id, year, step)
);
