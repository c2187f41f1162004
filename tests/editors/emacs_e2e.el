;;; emacs_e2e.el --- dockls in a real Emacs + eglot, batch mode  -*- lexical-binding: t -*-

;; Run by run_emacs.sh: open a Dockerfile or compose file ($LSP_LANGUAGE), wait for dockls's diagnostic of
;; $LSP_RULE, list the code actions the way `eglot-code-actions' does,
;; apply the preferred quick-fix with eglot's own executor, save, and wait
;; until the server re-publishes without that diagnostic.  Exit status:
;; 0 ok, 1 Lisp error, 2 no diagnostic, 3 no preferred action, 4 the edit
;; changed nothing, 5 no server, 6 the diagnostic did not go away.

(require 'eglot)
(require 'json)
(require 'cl-lib)

;; Our own minimal major modes, so the test needs no Dockerfile or YAML
;; mode package; each is registered with the language id dockls expects.
(define-derived-mode dockls-test-dockerfile-mode prog-mode "Dockerfile")
(define-derived-mode dockls-test-compose-mode prog-mode "Compose")

(defvar dockls-test-published nil "The last raw diagnostics published for the buffer.")
(defvar dockls-test-publishes 0 "How many publishDiagnostics arrived.")

;; Raw diagnostics as the server sent them: flymake's view may be cleared
;; by an edit before the server has said anything about the new text.
(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &key diagnostics &allow-other-keys)
  (setq dockls-test-published (append diagnostics nil))
  (cl-incf dockls-test-publishes))

(defun dockls-test-has-rule (rule)
  (cl-some (lambda (d) (equal (plist-get d :code) rule)) dockls-test-published))

(defun dockls-test-wait (predicate seconds)
  "Process server output until PREDICATE holds or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))

(let* ((cmd (append (json-read-from-string (getenv "LSP_CMD")) nil))
       (file (getenv "LSP_FILE"))
       (rule (getenv "LSP_RULE"))
       (mode (if (equal (getenv "LSP_LANGUAGE") "dockercompose")
                 'dockls-test-compose-mode
               'dockls-test-dockerfile-mode))
       (status 1))
  (condition-case err
      (catch 'done
        (setq eglot-confirm-server-initiated-edits nil)
        (push (cons '(dockls-test-dockerfile-mode :language-id "dockerfile") cmd) eglot-server-programs)
        (push (cons '(dockls-test-compose-mode :language-id "dockercompose") cmd) eglot-server-programs)
        (find-file file)
        (funcall mode)
        (eglot-ensure)
        ;; Batch mode runs no commands, and eglot-ensure waits for one.
        (run-hooks 'post-command-hook)
        (let ((server (eglot-current-server)))
          (unless server (setq status 5) (throw 'done nil))
          (unless (dockls-test-wait (lambda () (dockls-test-has-rule rule)) 15)
            (setq status 2) (throw 'done nil))
          (let* ((diag (cl-find-if (lambda (d) (equal (plist-get d :code) rule)) dockls-test-published))
                 (range (plist-get diag :range))
                 (beg (eglot--lsp-position-to-point (plist-get range :start)))
                 (end (eglot--lsp-position-to-point (plist-get range :end)))
                 (actions (eglot-code-actions beg end))
                 (action (cl-find-if (lambda (a) (and (plist-get a :isPreferred) (plist-get a :edit)))
                                     (append actions nil)))
                 (before (buffer-string))
                 (publishes dockls-test-publishes))
            (unless action (setq status 3) (throw 'done nil))
            (eglot--read-execute-code-action (list action) server "quickfix")
            (when (equal before (buffer-string)) (setq status 4) (throw 'done nil))
            (save-buffer)
            (unless (dockls-test-wait (lambda () (and (> dockls-test-publishes publishes)
                                                      (not (dockls-test-has-rule rule))))
                                      15)
              (setq status 6) (throw 'done nil))
            (princ (format "applied: %s\n" (plist-get action :title)))
            (setq status 0)
            (eglot-shutdown server))))
    (error (princ (format "error: %S\n" err)) (setq status 1)))
  (kill-emacs status))
