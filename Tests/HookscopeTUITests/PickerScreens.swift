/// Expected screens for the picker, rules and Attempts tests (kept apart: they are long).
enum PickerScreens {
    static let wide = """
         hookscope  http://127.0.0.1:8080  answer 200                6 captured · 6 shown · 0 evicted · -/s
        Answer every delivery with (now: answer 200)
          200 OK
          201 Created
        ▸ 202 Accepted
          204 No Content
          301 Moved Permanently
          400 Bad Request
          401 Unauthorized
          403 Forbidden
          404 Not Found
          409 Conflict
          410 Gone
          422 Unprocessable Entity
          429 Too Many Requests
          500 Internal Server Error
          502 Bad Gateway
          503 Service Unavailable
          504 Gateway Timeout
          delay N ms…
          hang (no answer)
          close (FIN)
          reset (RST)
          sequence…



        or type: 503  500x3,200  429/retry-after=30  200/delay=2000
        """
    static let narrow = """
         http://127.0.0.1:8080  answer 200                6/6 · -/s
        Answer every delivery with (now: answer 200)
          200 OK              410 Gone            reset (RST)
          201 Created         422 Unprocessabl…   sequence…
          202 Accepted        429 Too Many Req…
          204 No Content      500 Internal Ser…
          301 Moved Perman…   502 Bad Gateway
          400 Bad Request     503 Service Unav…
          401 Unauthorized    504 Gateway Time…
          403 Forbidden       delay N ms…
          404 Not Found       hang (no answer)
          409 Conflict        close (FIN)
        or type: 503  500x3,200  429/retry-after=30  200/delay=2000
        """
    static let hints100 = "Enter choose  Esc cancel  Down move"
    static let hints60 = "Enter choose  Esc cancel  Down move"
}

enum RulesScreens {
    static let wide = """
         hookscope  http://127.0.0.1:8080  answer 200                6 captured · 6 shown · 0 evicted · -/s
        Rules: checked in order, first match wins; then answer 200
         1  [on]  * provider=teamwork -> 500
         2  [off] POST /hooks/** -> 503,503,200
        """
    static let narrow = """
         http://127.0.0.1:8080  answer 200                6/6 · -/s
        Rules: checked in order, first match wins; then answer 200
         1  [on]  * provider=teamwork -> 500
         2  [off] POST /hooks/** -> 503,503,200
        """
    static let hints100 = "Esc back  a add  Space toggle  d delete                                               q quit  ? help"
    static let hints60 = "Esc back  a add  Space toggle  d delete       q quit  ? help"
}

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
