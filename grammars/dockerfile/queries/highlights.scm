; Syntax highlighting for the dockls Dockerfile grammar.

[
  "FROM" "RUN" "CMD" "LABEL" "MAINTAINER" "EXPOSE" "ENV" "ADD" "COPY"
  "ENTRYPOINT" "VOLUME" "USER" "WORKDIR" "ARG" "ONBUILD" "STOPSIGNAL"
  "HEALTHCHECK" "SHELL" "AS" "NONE"
] @keyword

(comment) @comment

(parser_directive) @keyword.directive
(directive_name) @keyword.directive
(directive_value) @string.special

(line_continuation) @punctuation.special

(flag "--" @attribute)
(flag name: (flag_name) @attribute)
(flag value: (flag_value) @string)

["[" "]"] @punctuation.bracket
"," @punctuation.delimiter
["=" ":" "@"] @operator

(image_spec name: (image_name) @type)
(image_spec tag: (image_tag) @label)
(image_spec digest: (image_digest) @constant)
(image_alias) @label

(json_string) @string

(variable_name) @variable
(label_key) @property
(value) @string

(path) @string.special.path
(expose_port) @number
(user_name) @variable
(group_name) @variable
(signal) @constant
(string) @string
(unknown_healthcheck_type) @string

(heredoc_marker) @punctuation.special
(heredoc_body) @string
(heredoc_end) @punctuation.special
