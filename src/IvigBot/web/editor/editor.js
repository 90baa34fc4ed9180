// The editor page: "Copy" puts a suggested alternate's Markdown line on the clipboard, ready to paste into faq/.
document.querySelectorAll("button.copy").forEach((button) => {
  button.addEventListener("click", async () => {
    const line = button.dataset.copy;
    try {
      await navigator.clipboard.writeText(line);
      button.textContent = "Copied";
    } catch {
      // No clipboard (an insecure origin): select the line so Ctrl+C copies it.
      const code = button.previousElementSibling;
      window.getSelection().selectAllChildren(code);
      button.textContent = "Selected: press Ctrl+C";
    }
  });
});
