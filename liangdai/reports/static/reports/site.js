/* Behaviours every page may use, declared in the markup so that no page needs an inline script or
   an inline event handler (the Content-Security-Policy allows script only from this site's files):
   - <select data-autosubmit>: choosing an option submits its form.
   - <form data-confirm="问题">: submitting asks the question first and stops on "取消". */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
      field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
