; Embedded languages in Dockerfiles.

; Shell form of RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD.  The whole command
; is injected, continuations included (bash reads `\` + newline the same way
; Docker does), so one logical command is one bash document.
((shell_command) @injection.content
  (#set! injection.language "bash")
  (#set! injection.include-children))

; `RUN <<EOF` with nothing else on the line: the heredoc body is the script.
(run_instruction
  command: (shell_command . (heredoc_marker) .)
  (heredoc_block body: (heredoc_body) @injection.content)
  (#set! injection.language "bash"))
