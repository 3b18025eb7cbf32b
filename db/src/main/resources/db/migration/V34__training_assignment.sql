-- Scenarios a trainer assigned to a trainee (training databases only; ADR 0074). Portable SQL.
CREATE TABLE training_assignment (
    id           INTEGER PRIMARY KEY,
    trainee      TEXT NOT NULL,
    scenario_id  TEXT NOT NULL,
    assigned_by  TEXT NOT NULL,
    assigned_at  TEXT NOT NULL,
    UNIQUE (trainee, scenario_id)
);
