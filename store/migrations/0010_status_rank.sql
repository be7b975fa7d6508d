-- A case's status_rank was its status's position in cases.AllStatuses, so
-- adding a status in the middle would have silently misordered every
-- existing row. Ranks are now fixed numbers per status (cases.StatusRank,
-- spaced by ten); this rewrites the rows saved under the old numbering.
-- store's TestStatusRankMigrationMatchesDomain checks these numbers against
-- cases.StatusRank.
UPDATE cases SET status_rank = CASE status
    WHEN 'received'         THEN 10
    WHEN 'screening'        THEN 20
    WHEN 'under_review'     THEN 30
    WHEN 'awaiting_info'    THEN 40
    WHEN 'deliberation'     THEN 50
    WHEN 'opinion_drafting' THEN 60
    WHEN 'opinion_issued'   THEN 70
    WHEN 'follow_up'        THEN 80
    WHEN 'inadmissible'     THEN 90
    WHEN 'withdrawn'        THEN 100
    WHEN 'closed'           THEN 110
    ELSE 1000
END;
