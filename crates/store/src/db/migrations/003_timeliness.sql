-- Payment timeliness (art. 4-bis DL 13/2023, conv. L. 41/2023): from 2024 the managers who
-- pay commercial invoices carry an objective on payment timeliness weighing at least 30%.
-- An area says whether its manager pays invoices (on by default); an objective says whether
-- it is that objective.
ALTER TABLE area ADD COLUMN pays_invoices INTEGER NOT NULL DEFAULT 1;
ALTER TABLE objective ADD COLUMN timeliness INTEGER NOT NULL DEFAULT 0;
