;;; emacs_e2e.el --- dockls in a real Emacs + eglot, batch mode  -*- lexical-binding: t -*-

;; Run by run_emacs.sh after the user's init file, which holds only what
;; the README tells users to write (the shipped editors/emacs/dockls.el
;; picks the modes and starts eglot, not this script).  It visits every
;; file of $LSP_CASES in one session, checks the languageId eglot sent for
;; each, then for each file lists the code actions the way
;; `eglot-code-actions' does, applies the preferred quick-fix of its rule
;; with eglot's own executor, saves, and waits until the server
;; re-publishes without that diagnostic.  Exit status: 0 ok, 1 Lisp error,
;; 2 no diagnostic, 3 no preferred action, 4 the edit changed nothing,
;; 5 no server, 6 the diagnostic did not go away, 7 a wrong languageId,
;; 8 not the number of servers this eglot should start, 9 $LSP_BUILTIN_EGLOT
;; is set and eglot was not loaded from Emacs's own lisp folder.

(require 'eglot)
(require 'cl-lib)

(defvar dockls-test-published (make-hash-table :test #'equal)
  "URI -> the last raw diagnostics published for it.")
(defvar dockls-test-publishes (make-hash-table :test #'equal)
  "URI -> how many publishDiagnostics arrived for it.")
(defvar dockls-test-language-ids nil
  "(FILE-NAME . languageId) for every didOpen eglot sent.")

;; Raw diagnostics as the server sent them: flymake's view may be cleared
;; by an edit before the server has said anything about the new text.
(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics &allow-other-keys)
  (puthash uri (append diagnostics nil) dockls-test-published)
  (puthash uri (1+ (gethash uri dockls-test-publishes 0)) dockls-test-publishes))

;; What eglot tells the server each file is, seen on the wire.
(advice-add 'jsonrpc-notify :before
            (lambda (_conn method params)
              (when (eq method :textDocument/didOpen)
                (let ((doc (plist-get params :textDocument)))
                  (push (cons (file-name-nondirectory (eglot--uri-to-path (plist-get doc :uri)))
                              (plist-get doc :languageId))
                        dockls-test-language-ids)))))

(defun dockls-test-find (uri rule)
  (cl-find-if (lambda (d) (equal (plist-get d :code) rule)) (gethash uri dockls-test-published)))

(defun dockls-test-wait (predicate seconds)
  "Process server output until PREDICATE holds or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))

(defun dockls-test-servers ()
  "Every eglot server running in this session."
  (apply #'append (hash-table-values eglot--servers-by-project)))

(defun dockls-test-expected-servers ()
  "How many servers the project should get.
Eglot 1.16 and later (Emacs 30) send each buffer its own mode's
languageId, so one server serves both kinds of file; older eglot needs one
per kind."
  (if (fboundp 'eglot--languages) 1 2))

(defun dockls-test-builtin-eglot-p ()
  "Non-nil when eglot was loaded from this Emacs's own lisp folder."
  (and (boundp 'lisp-directory)
       (file-in-directory-p (locate-library "eglot") lisp-directory)))

(defun dockls-test-cases ()
  "The (FILE . RULE) pairs of $LSP_CASES."
  (mapcar (lambda (pair) (let ((parts (split-string pair "="))) (cons (car parts) (cadr parts))))
          (split-string (getenv "LSP_CASES"))))

(defun dockls-test-fix (file rule timeout)
  "Apply RULE's preferred quick-fix in FILE's buffer and save; 0 or a status."
  (with-current-buffer (get-file-buffer file)
    (let* ((server (eglot-current-server))
           (uri (eglot--path-to-uri file)))
      (cond
       ((not server) 5)
       ((not (dockls-test-wait (lambda () (dockls-test-find uri rule)) timeout)) 2)
       (t
        (let* ((range (plist-get (dockls-test-find uri rule) :range))
               (beg (eglot--lsp-position-to-point (plist-get range :start)))
               (end (eglot--lsp-position-to-point (plist-get range :end)))
               (action (cl-find-if (lambda (a) (and (plist-get a :isPreferred) (plist-get a :edit)))
                                   (append (eglot-code-actions beg end) nil)))
               (before (buffer-string))
               (publishes (gethash uri dockls-test-publishes 0)))
          (cond
           ((not action) 3)
           (t
            (eglot--read-execute-code-action (list action) server "quickfix")
            (cond
             ((equal before (buffer-string)) 4)
             (t
              (save-buffer)
              (princ (format "%s: applied %s\n" (file-name-nondirectory file) (plist-get action :title)))
              (if (dockls-test-wait (lambda () (and (> (gethash uri dockls-test-publishes 0) publishes)
                                                     (not (dockls-test-find uri rule))))
                                    timeout)
                  0
                6)))))))))))

(let ((dir (getenv "LSP_DIR"))
      (timeout (/ (string-to-number (or (getenv "LSP_TIMEOUT_MS") "15000")) 1000.0))
      (cases (dockls-test-cases))
      (status 1))
  (condition-case err
      (catch 'done
        (setq eglot-confirm-server-initiated-edits nil)
        (princ (format "Emacs %s, eglot from %s\n" emacs-version (locate-library "eglot")))
        (when (and (getenv "LSP_BUILTIN_EGLOT") (not (dockls-test-builtin-eglot-p)))
          (setq status 9) (throw 'done nil))
        (dolist (case cases)
          (find-file (expand-file-name (car case) dir))
          (princ (format "%s: %s%s\n" (car case) major-mode
                         (if (derived-mode-p 'yaml-mode) ", derived from yaml-mode" "")))
          ;; Batch mode runs no commands, and eglot-ensure waits for one.
          (run-hooks 'post-command-hook))
        (unless (dockls-test-wait (lambda () (cl-every (lambda (c) (assoc (car c) dockls-test-language-ids)) cases))
                                  timeout)
          (setq status 5) (throw 'done nil))
        (dolist (case cases)
          (let* ((name (car case))
                 (sent (cdr (assoc name dockls-test-language-ids)))
                 (want (if (string-match-p "compose" name) "dockercompose" "dockerfile")))
            (princ (format "%s: languageId %s\n" name sent))
            (unless (equal sent want) (setq status 7) (throw 'done nil))))
        (princ (format "servers: %d\n" (length (dockls-test-servers))))
        (unless (= (length (dockls-test-servers)) (dockls-test-expected-servers))
          (setq status 8) (throw 'done nil))
        (dolist (case cases)
          (let ((result (dockls-test-fix (expand-file-name (car case) dir) (cdr case) timeout)))
            (unless (eq result 0) (setq status result) (throw 'done nil))))
        (setq status 0))
    (error (princ (format "error: %S\n" err)) (setq status 1)))
  (dolist (server (dockls-test-servers))
    (ignore-errors (eglot-shutdown server)))
  (kill-emacs status))
