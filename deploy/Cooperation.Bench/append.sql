-- The yardstick: the shape of one Marten quick append (read the stream's version, insert the event, move the stream on).
\set sid random(1, 100000)
BEGIN;
SELECT version FROM streams WHERE id = :sid;
INSERT INTO events (id, stream_id, version, type, data) VALUES (gen_random_uuid(), :sid, 1, 'agreement_registered', '{"kind":"cooperation","title":"Yardstick","parties":[{"code":"BY-VI"},{"code":"CN-HL"}],"spheres":["trade-economic"]}');
UPDATE streams SET version = version + 1 WHERE id = :sid;
COMMIT;
