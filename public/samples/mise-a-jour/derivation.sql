ALTER TABLE pays ADD COLUMN population_multipliee bigint;
UPDATE pays SET population_multipliee = population * {{ params.multiply }};
