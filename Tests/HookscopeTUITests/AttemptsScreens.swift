/// Expected screens for the Attempts tab tests (kept apart: they are long).
enum AttemptsScreens {
    static let teamwork100 = """
         hookscope  http://127.0.0.1:8080  answer 200                4 captured · 4 shown · 0 evicted · -/s
         1 Request   2 Signature   3 Response   4 Attempts    #4 ·
        Attempts of this event (3 stored)
          #  TIME          GAP         ANSWER
          1  19:05:02.123              500 (default)
          2  19:06:02.123  +1 min      500 (default)
          3  19:11:02.123  +5 min      503 (default)
             ! attempt 3: body differs from attempt 1

        Teamwork's documented retries
        Schedule  status greater than 400: 3 reattempts after 1, 5 and 10 minutes, then permanent failure
        Next      retry 3 expected at 2026-11-23 19:21:02.123 UTC
        Gives up  after the attempt at 2026-11-23 19:21:02.123 UTC if every answer fails
        """
    static let teamwork60 = """
         http://127.0.0.1:8080  answer 200                4/4 · -/s
         1 Req   2 Sig   3 Resp   4 Tries    #4 ·              11/13
        Attempts of this event (3 stored)
          #  TIME          GAP         ANSWER
          1  19:05:02.123              500 (default)
          2  19:06:02.123  +1 min      500 (default)
          3  19:11:02.123  +5 min      503 (default)
             ! attempt 3: body differs from attempt 1

        Teamwork's documented retries
        Schedule  status greater than 400: 3 reattempts after 1, 5
                  and 10 minutes, then permanent failure
        Next      retry 3 expected at 2026-11-23 19:21:02.123 UTC
        """
}
