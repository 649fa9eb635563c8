/// Expected screens for the answer picker tests (kept apart: they are long).
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
