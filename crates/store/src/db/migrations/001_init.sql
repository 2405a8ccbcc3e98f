CREATE TABLE plan (
    id          INTEGER PRIMARY KEY,
    entity      TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL,
    first_year  INTEGER NOT NULL,
    last_year   INTEGER NOT NULL CHECK (last_year >= first_year),
    approval    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE period (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    first_year  INTEGER NOT NULL,
    last_year   INTEGER NOT NULL CHECK (last_year >= first_year),
    label       TEXT NOT NULL
);
CREATE INDEX period_plan ON period(plan_id, first_year);

CREATE TABLE area (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    manager     TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL
);
CREATE INDEX area_plan ON area(plan_id, position);

CREATE TABLE objective (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    service         TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL CHECK (kind IN ('S', 'M')),
    description     TEXT NOT NULL CHECK (description <> ''),
    expected_result TEXT NOT NULL CHECK (expected_result <> ''),
    indicator       TEXT NOT NULL CHECK (indicator <> '')
);
CREATE INDEX objective_plan ON objective(plan_id);

CREATE TABLE placement (
    id           INTEGER PRIMARY KEY,
    objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
    area_id      INTEGER NOT NULL REFERENCES area(id) ON DELETE CASCADE,
    period_id    INTEGER NOT NULL REFERENCES period(id) ON DELETE CASCADE,
    weight       INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 10000),
    position     INTEGER NOT NULL,
    UNIQUE (objective_id, area_id, period_id)
);
CREATE INDEX placement_cell ON placement(area_id, period_id, position);
CREATE INDEX placement_objective ON placement(objective_id);
