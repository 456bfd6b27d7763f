// Progressive enhancement: choosing another director shows that director's slides at once
// (without JavaScript the "Vis direktørens dias" button does the same).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const director = document.getElementById("direktoer");
  const show = document.getElementById("vis-dias");
  if (director && show) {
    director.addEventListener("change", () => show.click());
  }
});
