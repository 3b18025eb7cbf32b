-- Scenarios a trainer assigned to a trainee (training databases only; ADR 0074). Portable SQL: one file for both engines.
CREATE TABLE training_assignment (
    trainee      TEXT NOT NULL,
    scenario_id  TEXT NOT NULL,
    assigned_by  TEXT NOT NULL,
    assigned_at  TEXT NOT NULL,
    PRIMARY KEY (trainee, scenario_id)
);
