;;; dockls.el --- eglot set-up for the dockls language server -*- lexical-binding: t -*-

;; Load this file after eglot (Emacs 29 ships it).  It maps Dockerfile and
;; compose buffers to `dockls --stdio' and tells dockls the languageId it
;; expects, since eglot derives the id from the major mode's name.

(require 'eglot)

(defalias 'dockls--compose-parent-mode
  (if (fboundp 'yaml-mode) 'yaml-mode 'prog-mode)
  "The mode compose buffers derive from: yaml-mode when installed.")

(define-derived-mode dockls-compose-mode dockls--compose-parent-mode "Compose"
  "YAML mode for Docker Compose files, so eglot can start dockls for them.")

(add-to-list 'auto-mode-alist '("compose[^/]*\\.ya?ml\\'" . dockls-compose-mode))

(add-to-list 'eglot-server-programs
             '(((dockerfile-mode :language-id "dockerfile")
                (dockerfile-ts-mode :language-id "dockerfile")
                (dockls-compose-mode :language-id "dockercompose"))
               . ("dockls" "--stdio")))

(provide 'dockls)
;;; dockls.el ends here
