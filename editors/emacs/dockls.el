;;; dockls.el --- eglot set-up for the dockls language server -*- lexical-binding: t -*-

;; Version: 0.1
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: languages, tools

;;; Commentary:

;; Works with Emacs 28 and the eglot package (Debian: elpa-eglot) and with
;; the eglot built into Emacs 29 and later.  Put this folder on
;; `load-path' and write in your init file:
;;
;;   (require 'dockls)
;;   (dockls-setup)
;;
;; Dockerfiles need `dockerfile-mode' (Debian: elpa-dockerfile-mode) or
;; Emacs 29's `dockerfile-ts-mode'.  Compose files get
;; `dockls-compose-mode', derived from `yaml-mode' when that is installed
;; (Debian: elpa-yaml-mode).

;;; Code:

(require 'eglot)
(require 'yaml-mode nil t)

(defgroup dockls nil
  "The dockls language server for Dockerfiles and Docker Compose files."
  :group 'tools
  :prefix "dockls-")

(defcustom dockls-command '("dockls" "--stdio")
  "The command that starts the dockls language server, as a list."
  :type '(repeat string))

;; A compose file is YAML, so its mode inherits YAML editing when the
;; package is there; the distinct mode is what lets eglot tell dockls the
;; file is a compose file and not some other YAML.
(if (featurep 'yaml-mode)
    (define-derived-mode dockls-compose-mode yaml-mode "Compose"
      "Major mode for Docker Compose files, edited as YAML and checked by dockls.")
  (define-derived-mode dockls-compose-mode prog-mode "Compose"
    "Major mode for Docker Compose files, checked by dockls."))

(defconst dockls-compose-file-regexp
  "\\(?:\\`\\|/\\)\\(?:docker-\\)?compose\\(?:\\.[^/]+\\)?\\.ya?ml\\'"
  "File names Docker Compose reads: compose.yaml, docker-compose.yml,
docker-compose.override.yml and the like.")

(defconst dockls--dockerfile-modes '(dockerfile-mode dockerfile-ts-mode)
  "The major modes Dockerfiles may be edited in.")

(defun dockls--per-mode-language-ids-p ()
  "Non-nil when eglot sends each buffer the languageId of its own mode.
Until eglot 1.16 (Emacs 30) one server holds a single languageId, taken
from the mode of the buffer that started it, and sends it for every file
it manages; a compose file opened beside a Dockerfile was then announced
as a Dockerfile."
  (fboundp 'eglot--languages))

(defun dockls--server-entries ()
  "The `eglot-server-programs' entries for dockls.
One entry, and so one server per project, when eglot keeps a languageId
per mode; otherwise one entry per kind of file, so each server's single
languageId is right."
  (let ((dockerfile (mapcar (lambda (mode) (list mode :language-id "dockerfile"))
                            dockls--dockerfile-modes))
        (compose (list (list 'dockls-compose-mode :language-id "dockercompose"))))
    (if (dockls--per-mode-language-ids-p)
        (list (cons (append dockerfile compose) dockls-command))
      (list (cons dockerfile dockls-command)
            (cons compose dockls-command)))))

;;;###autoload
(defun dockls-setup ()
  "Use dockls for Dockerfiles and compose files, started as they are visited.
Maps compose file names to `dockls-compose-mode', puts dockls in front of
eglot's own entries in `eglot-server-programs' (eglot 1.9 ships one for
another Dockerfile server), and adds `eglot-ensure' to each mode's hook."
  (add-to-list 'auto-mode-alist (cons dockls-compose-file-regexp 'dockls-compose-mode))
  (dolist (entry (reverse (dockls--server-entries)))
    (add-to-list 'eglot-server-programs entry))
  (dolist (mode (cons 'dockls-compose-mode dockls--dockerfile-modes))
    (add-hook (intern (format "%s-hook" mode)) #'eglot-ensure)))

(provide 'dockls)
;;; dockls.el ends here
